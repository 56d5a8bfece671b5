import Fastify, { LogController, type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import type { ApiDeps } from './api-deps.js';
import { registerArticleRoutes } from './articles-routes.js';
import { installAuth } from './auth.js';
import { installCompression } from './compression.js';
import { installCors } from './cors.js';
import { handleFrameworkError, installErrorHandler } from './errors-handler.js';
import { installInputHygiene } from './input-hygiene.js';
import { registerEventRoutes } from './events-routes.js';
import { registerFeedRoutes } from './feed-routes.js';
import { registerHealthRoutes } from './health-routes.js';
import { registerIngestRoutes } from './ingest-routes.js';
import { installCredentialMasking } from './mask-credentials.js';
import { registerMetricsRoute } from './metrics.js';
import { registerOpenApi } from './openapi.js';
import { registerQueueBoard } from './queue-board.js';
import { registerReingestRoutes } from './reingest-routes.js';
import { installRequestLog } from './request-log.js';
import { registerSourceRoutes } from './sources-routes.js';
import { registerStoryRoutes } from './stories-routes.js';
import { registerTimelinePage } from './timeline-page.js';
import { registerWebhookRoutes } from './webhooks-routes.js';

export type { ApiDeps } from './api-deps.js';

const API_VERSION = '1.0.0';

/**
 * Builds the HTTP API (design.md "HTTP API") without listening: the caller decides the
 * address (`app.listen({ port: config.api.port, host: config.api.host })`) and closes it.
 */
export async function buildApi(deps: ApiDeps): Promise<FastifyInstance> {
  const app = Fastify({
    // Typed as fastify's base logger so that routes take a plain FastifyInstance; it is the pino logger.
    loggerInstance: deps.logger as FastifyBaseLogger,
    // Our own request line (request-log.ts) redacts ?token=; fastify's would not.
    logController: new LogController({ disableRequestLogging: true }),
    frameworkErrors: handleFrameworkError,
    ajv: {
      customOptions: {
        // Fastify's default strips unknown body keys silently; the contract is that they are errors
        // naming the key, as in the config file.
        removeAdditional: false,
      },
    },
  });

  installRequestLog(app);
  installErrorHandler(app);
  installCredentialMasking(app);
  installInputHygiene(app);
  // Before the token check: a browser's preflight carries no token.
  installCors(app, deps.config.api.cors.origins);
  installAuth(app, deps.config.api.token);
  // Before the routes: it hooks each route as it is added, after the app's onSend hooks above.
  await installCompression(app);
  await registerOpenApi(app, API_VERSION);

  registerHealthRoutes(app, deps);
  registerMetricsRoute(app, deps);
  registerEventRoutes(app, deps);
  registerFeedRoutes(app, deps);
  registerStoryRoutes(app, deps);
  registerArticleRoutes(app, deps);
  registerSourceRoutes(app, deps);
  registerWebhookRoutes(app, deps);
  registerReingestRoutes(app, deps);
  registerIngestRoutes(app, deps);
  registerTimelinePage(app, deps);
  await registerQueueBoard(app, deps);

  await app.ready();
  return app;
}

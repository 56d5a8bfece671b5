import type { FastifyInstance } from 'fastify';
import { redactUrl } from '../redact.js';

/*
 * One log line per request, written here instead of by fastify because the timeline page and
 * Bull Board take the API token as `?token=`: fastify's own lines would log it with the URL.
 */

/** Probes and scrapes arrive every few seconds; at info level they would drown the rest. */
const QUIET_PATHS = new Set(['/healthz', '/metrics']);

export function installRequestLog(app: FastifyInstance): void {
  app.addHook('onResponse', async (request, reply) => {
    const path = request.url.split('?')[0];
    const level = QUIET_PATHS.has(path) && reply.statusCode < 400 ? 'debug' : 'info';
    request.log[level](
      { method: request.method, url: redactUrl(request.url), statusCode: reply.statusCode, responseTimeMs: Math.round(reply.elapsedTime) },
      'request completed',
    );
  });
}

import type { FastifyInstance } from 'fastify';
import { removeQueuedFetches } from '../../jobs/queues.js';
import { apiSourceSchema } from '../config.js';
import { NotFoundError } from '../errors.js';
import { deleteSource, getSource, listSources, upsertSource } from '../store/source-store.js';
import type { ApiDeps } from './api-deps.js';
import { errorResponses, idParams, sourceInputSchema, sourceSchemaJson } from './api-schemas.js';
import { parseBody } from './body-parse.js';
import { configOwned } from './config-owned.js';
import { assertPublicUrlField } from './public-url.js';
import { requireRedis } from './require-redis.js';

/**
 * Sources created here are stored with origin `api`. Sources from the config file are refused
 * (409): the file is their source of truth and would undo the change at the next start.
 */
export function registerSourceRoutes(app: FastifyInstance, deps: ApiDeps): void {
  const { db, config } = deps;
  // Creating or deleting a source changes its Job Scheduler in Redis as well as the store.
  const preHandler = requireRedis(deps.redis);

  app.get(
    '/v1/sources',
    {
      schema: {
        tags: ['sources'],
        summary: 'Sources with their polling state',
        response: { 200: { type: 'object', properties: { sources: { type: 'array', items: sourceSchemaJson } } }, ...errorResponses },
      },
    },
    async () => ({ sources: await listSources(db) }),
  );

  app.get<{ Params: { id: string } }>(
    '/v1/sources/:id',
    { schema: { tags: ['sources'], summary: 'One source with its polling state', params: idParams, response: { 200: sourceSchemaJson, ...errorResponses } } },
    async (request) => {
      const source = await getSource(db, request.params.id);
      if (!source) throw new NotFoundError(`no source ${request.params.id}`);
      return source;
    },
  );

  app.post(
    '/v1/sources',
    {
      preHandler,
      schema: {
        tags: ['sources'],
        summary: 'Create or replace a source; its schedule starts at once',
        body: sourceInputSchema,
        response: { 201: sourceSchemaJson, ...errorResponses },
      },
    },
    async (request, reply) => {
      const input = parseBody(apiSourceSchema, request.body);
      if (!config.security.allowPrivateNetworks) await assertPublicUrlField(input.url, 'url');
      const existing = await getSource(db, input.id);
      if (existing?.origin === 'config') return reply.code(409).send(configOwned('source', input.id));
      const source = await upsertSource(db, input, 'api');
      await deps.onSourcesChanged?.();
      return reply.code(201).send(source);
    },
  );

  app.delete<{ Params: { id: string } }>(
    '/v1/sources/:id',
    { preHandler, schema: { tags: ['sources'], summary: 'Delete a source and stop polling it', params: idParams, response: { 204: { type: 'null' }, ...errorResponses } } },
    async (request, reply) => {
      const existing = await getSource(db, request.params.id);
      if (!existing) throw new NotFoundError(`no source ${request.params.id}`);
      if (existing.origin === 'config') return reply.code(409).send(configOwned('source', existing.id));
      const { droppedArticleIds } = await deleteSource(db, existing.id);
      await deps.onSourcesChanged?.();
      // The store no longer holds the dropped articles, so a fetch job that runs meanwhile does
      // nothing; emptying the queue of them can take a while for a big feed, so it is not awaited.
      void removeQueuedFetches(deps.queues, droppedArticleIds)
        .then((removed) => request.log.info({ sourceId: existing.id, dropped: droppedArticleIds.length, removed }, 'queued fetches of a deleted source removed'))
        .catch((error: unknown) => request.log.warn({ err: error, sourceId: existing.id }, 'could not remove the queued fetches of a deleted source'));
      return reply.code(204).send();
    },
  );
}

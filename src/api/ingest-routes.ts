import type { FastifyInstance } from 'fastify';
import { JOB_NAMES } from '../../jobs/queues.js';
import { NotFoundError, ValidationError } from '../errors.js';
import type { ApiDeps } from './api-deps.js';
import { errorResponses, eventSchema } from './api-schemas.js';
import { readJobStatus } from '../../jobs/job-status.js';
import { assertPublicUrlField } from './public-url.js';
import { requireRedis } from './require-redis.js';

const ingestInputSchema = {
  type: 'object',
  properties: { url: { type: 'string', minLength: 1, maxLength: 2048, description: 'http(s) URL of a page no source lists' } },
  required: ['url'],
  additionalProperties: false,
} as const;

const ingestedUrlSchema = {
  type: 'object',
  properties: {
    url: { type: 'string' },
    articleId: { type: ['string', 'null'] },
    status: { type: 'string', enum: ['processed', 'duplicate', 'failed'] },
    error: { type: 'object', properties: { code: { type: 'string' }, message: { type: 'string' } } },
    events: { type: 'array', items: eventSchema, description: 'every event the page reports' },
    createdEventIds: { type: 'array', items: { type: 'string' } },
  },
  required: ['url', 'articleId', 'status', 'events'],
} as const;

const ingestStatusSchema = {
  type: 'object',
  properties: {
    jobId: { type: 'string' },
    state: { type: 'string', description: 'BullMQ job state: waiting, active, completed, failed…' },
    progress: { type: ['object', 'null'], properties: { total: { type: 'integer' }, done: { type: 'integer' }, failed: { type: 'integer' } } },
    result: {
      type: ['object', 'null'],
      properties: { total: { type: 'integer' }, done: { type: 'integer' }, failed: { type: 'integer' }, urls: { type: 'array', items: ingestedUrlSchema } },
    },
    failedReason: { type: ['string', 'null'] },
  },
  required: ['jobId', 'state'],
} as const;

/**
 * One page no source lists: a job on the queue, as a re-ingest is. The URL is API input, so
 * it must be public unless `security.allowPrivateNetworks` (checked here for a clear 400, and
 * again by the fetcher on every hop and at connect time).
 */
export function registerIngestRoutes(app: FastifyInstance, { config, queues, redis }: ApiDeps): void {
  // Both routes read or add jobs: answered 503 at once while Redis is away, as reingest is.
  const preHandler = requireRedis(redis);
  app.post<{ Body: { url: string } }>(
    '/v1/ingest',
    {
      preHandler,
      schema: {
        tags: ['ingest'],
        summary: 'Fetch, process and store one page that no source lists',
        body: ingestInputSchema,
        response: { 202: { type: 'object', properties: { jobId: { type: 'string' } }, required: ['jobId'] }, ...errorResponses },
      },
    },
    async (request, reply) => {
      const { url } = request.body;
      if (!isHttpUrl(url)) throw new ValidationError('url', 'must be an http(s) URL');
      if (!config.security.allowPrivateNetworks) await assertPublicUrlField(url, 'url');
      const job = await queues.reingest.add(JOB_NAMES.ingest, { urls: [url] });
      return reply.code(202).send({ jobId: job.id });
    },
  );

  app.get<{ Params: { jobId: string } }>(
    '/v1/ingest/:jobId',
    {
      preHandler,
      schema: {
        tags: ['ingest'],
        summary: 'State of an ingest job and, once completed, the events each page reports',
        params: { type: 'object', properties: { jobId: { type: 'string', minLength: 1 } }, required: ['jobId'] },
        response: { 200: ingestStatusSchema, ...errorResponses },
      },
    },
    async (request) => {
      const status = await readJobStatus(queues.reingest, request.params.jobId);
      if (!status || status.job.name !== JOB_NAMES.ingest) throw new NotFoundError(`no ingest job ${request.params.jobId}`);
      const { job, state } = status;
      return {
        jobId: job.id,
        state,
        progress: typeof job.progress === 'object' ? job.progress : null,
        result: job.returnvalue ?? null,
        failedReason: job.failedReason ?? null,
      };
    },
  );
}

function isHttpUrl(text: string): boolean {
  try {
    const url = new URL(text);
    return url.protocol === 'http:' || url.protocol === 'https:';
  } catch {
    return false;
  }
}

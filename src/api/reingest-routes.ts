import type { FastifyInstance } from 'fastify';
import { JOB_NAMES, reingestPayload } from '../../jobs/queues.js';
import { NotFoundError, ValidationError } from '../errors.js';
import { getSource } from '../store/source-store.js';
import { getArticleByCanonicalUrl } from '../store/article-store.js';
import { canonicalizeUrl } from '../sources/canonical-url.js';
import type { ApiDeps } from './api-deps.js';
import { errorResponses, reingestInputSchema, reingestStatusSchema } from './api-schemas.js';
import { parseBody } from './body-parse.js';
import { readJobStatus } from '../../jobs/job-status.js';
import { requireRedis } from './require-redis.js';

/**
 * Re-ingest is a job on the `reingest` queue, never work done in the request: the worker
 * re-runs `process` (or `fetch` with refetch) for the selected articles and reports progress
 * on the job, which GET /v1/reingest/:jobId shows.
 */
export function registerReingestRoutes(app: FastifyInstance, { db, queues, redis }: ApiDeps): void {
  const preHandler = requireRedis(redis);
  app.post(
    '/v1/reingest',
    {
      preHandler,
      schema: {
        tags: ['reingest'],
        summary: 'Queue a re-ingest of all articles, one source, or one URL',
        body: reingestInputSchema,
        response: { 202: { type: 'object', properties: { jobId: { type: 'string' } } }, ...errorResponses },
      },
    },
    async (request, reply) => {
      const payload = parseBody(reingestPayload, request.body);
      // A typo in a source id would otherwise queue a job that quietly selects nothing.
      if (payload.sourceId && !(await getSource(db, payload.sourceId))) throw new ValidationError('sourceId', `no source ${payload.sourceId}`);
      if (payload.url && !(await getArticleByCanonicalUrl(db, canonicalizeUrl(payload.url)))) {
        throw new ValidationError('url', 'no stored article at this URL (POST /v1/ingest fetches a page no source lists)');
      }
      const job = await queues.reingest.add(JOB_NAMES.reingest, payload);
      return reply.code(202).send({ jobId: job.id });
    },
  );

  app.get<{ Params: { jobId: string } }>(
    '/v1/reingest/:jobId',
    {
      preHandler,
      schema: {
        tags: ['reingest'],
        summary: 'State and progress of a re-ingest job',
        params: { type: 'object', properties: { jobId: { type: 'string', minLength: 1 } }, required: ['jobId'] },
        response: { 200: reingestStatusSchema, ...errorResponses },
      },
    },
    async (request) => {
      const status = await readJobStatus(queues.reingest, request.params.jobId);
      if (!status) throw new NotFoundError(`no re-ingest job ${request.params.jobId}`);
      const { job, state } = status;
      return {
        jobId: job.id,
        state,
        progress: job.progress,
        result: job.returnvalue ?? null,
        failedReason: job.failedReason ?? null,
      };
    },
  );
}

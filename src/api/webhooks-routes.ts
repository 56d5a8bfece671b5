import type { FastifyInstance } from 'fastify';
import { JOB_NAMES } from '../../jobs/queues.js';
import { webhookSchema } from '../config.js';
import { NotFoundError } from '../errors.js';
import { getDelivery, listAttempts, listDeliveries, markForReplay } from '../store/delivery-store.js';
import { deleteWebhook, getWebhook, listWebhooks, upsertWebhook, type WebhookRecord } from '../store/webhook-store.js';
import type { ApiDeps } from './api-deps.js';
import { cursorParam, deliverySchema, errorResponses, idParams, pageLimit, webhookInputSchema, webhookSchemaJson } from './api-schemas.js';
import { assertCursor } from './page-cursor.js';
import { parseBody } from './body-parse.js';
import { configOwned } from './config-owned.js';
import { assertPublicUrlField } from './public-url.js';
import { requireRedis } from './require-redis.js';

/** The signing secret is shown once, by whoever set it; afterwards only enough to tell it apart. */
export function maskSecret(secret: string): string {
  return `whsec_…${secret.slice(-4)}`;
}

function publicWebhook(webhook: WebhookRecord): WebhookRecord {
  return { ...webhook, secret: maskSecret(webhook.secret) };
}

const deliveryParams = {
  type: 'object',
  properties: { id: { type: 'string', minLength: 1 }, deliveryId: { type: 'string', minLength: 1 } },
  required: ['id', 'deliveryId'],
} as const;

export function registerWebhookRoutes(app: FastifyInstance, deps: ApiDeps): void {
  const { db, config, queues } = deps;

  async function existingWebhook(id: string): Promise<WebhookRecord> {
    const webhook = await getWebhook(db, id);
    if (!webhook) throw new NotFoundError(`no webhook ${id}`);
    return webhook;
  }

  app.get(
    '/v1/webhooks',
    {
      schema: {
        tags: ['webhooks'],
        summary: 'Webhook endpoints (secrets masked)',
        response: { 200: { type: 'object', properties: { webhooks: { type: 'array', items: webhookSchemaJson } } }, ...errorResponses },
      },
    },
    async () => ({ webhooks: (await listWebhooks(db)).map(publicWebhook) }),
  );

  app.get<{ Params: { id: string } }>(
    '/v1/webhooks/:id',
    { schema: { tags: ['webhooks'], summary: 'One webhook endpoint (secret masked)', params: idParams, response: { 200: webhookSchemaJson, ...errorResponses } } },
    async (request) => publicWebhook(await existingWebhook(request.params.id)),
  );

  app.post(
    '/v1/webhooks',
    {
      schema: {
        tags: ['webhooks'],
        summary: 'Create or replace a webhook endpoint',
        body: webhookInputSchema,
        response: { 201: webhookSchemaJson, ...errorResponses },
      },
    },
    async (request, reply) => {
      const input = parseBody(webhookSchema, request.body);
      if (!config.security.allowPrivateNetworks) await assertPublicUrlField(input.url, 'url');
      const existing = await getWebhook(db, input.id);
      if (existing?.origin === 'config') return reply.code(409).send(configOwned('webhook', input.id));
      return reply.code(201).send(publicWebhook(await upsertWebhook(db, input, 'api')));
    },
  );

  app.delete<{ Params: { id: string } }>(
    '/v1/webhooks/:id',
    { schema: { tags: ['webhooks'], summary: 'Delete a webhook endpoint and its delivery log', params: idParams, response: { 204: { type: 'null' }, ...errorResponses } } },
    async (request, reply) => {
      const existing = await existingWebhook(request.params.id);
      if (existing.origin === 'config') return reply.code(409).send(configOwned('webhook', existing.id));
      await deleteWebhook(db, existing.id);
      return reply.code(204).send();
    },
  );

  app.get<{ Params: { id: string }; Querystring: { limit: number; cursor?: string } }>(
    '/v1/webhooks/:id/deliveries',
    {
      schema: {
        tags: ['webhooks'],
        summary: 'Deliveries to one endpoint, newest first, each with its attempts',
        params: idParams,
        querystring: { type: 'object', properties: { limit: pageLimit(100), cursor: cursorParam }, additionalProperties: false },
        response: {
          200: { type: 'object', properties: { deliveries: { type: 'array', items: deliverySchema }, nextCursor: { type: ['string', 'null'] } }, required: ['deliveries', 'nextCursor'] },
          ...errorResponses,
        },
      },
    },
    async (request) => {
      const webhook = await existingWebhook(request.params.id);
      assertCursor(request.query.cursor, 'articles');
      const page = await listDeliveries(db, webhook.id, { limit: request.query.limit, cursor: request.query.cursor });
      return {
        deliveries: await Promise.all(page.deliveries.map(async (delivery) => ({ ...delivery, attempts: await listAttempts(db, delivery.id) }))),
        nextCursor: page.nextCursor,
      };
    },
  );

  app.post<{ Params: { id: string; deliveryId: string } }>(
    '/v1/webhooks/:id/deliveries/:deliveryId/replay',
    {
      preHandler: requireRedis(deps.redis),
      schema: {
        tags: ['webhooks'],
        summary: 'Send a delivery again (same webhook-id, so receivers can de-duplicate)',
        params: deliveryParams,
        // No body is needed; one with keys is refused rather than ignored (unknown keys are errors).
        body: { type: ['object', 'null'], properties: {}, additionalProperties: false },
        response: { 202: { type: 'object', properties: { deliveryId: { type: 'string' }, jobId: { type: 'string' } } }, ...errorResponses },
      },
    },
    async (request, reply) => {
      const { id, deliveryId } = request.params;
      const delivery = await getDelivery(db, deliveryId);
      if (!delivery || delivery.webhookId !== id) throw new NotFoundError(`no delivery ${deliveryId} to webhook ${id}`);
      await markForReplay(db, deliveryId);
      // A job id of its own: the original delivery's job may still be kept, and BullMQ ignores a duplicate id.
      const job = await queues.notify.add(JOB_NAMES.notify, { deliveryId }, { jobId: `replay-${deliveryId}-${Date.now()}` });
      return reply.code(202).send({ deliveryId, jobId: job.id });
    },
  );
}

import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { FastifyInstance } from 'fastify';
import { errorResponse, eventSchema, storySchema } from './api-schemas.js';

/** design.md "Webhooks": the body every endpoint receives. */
const webhookPayloadSchema = {
  type: 'object',
  description:
    'The body of every webhook POST. Headers (Standard Webhooks): webhook-id (the delivery id, the same on every retry and replay), ' +
    'webhook-timestamp (Unix seconds), webhook-signature ("v1," + base64 HMAC-SHA256 of "<id>.<timestamp>.<body>" with the endpoint\'s whsec_ secret).',
  properties: {
    type: { type: 'string', enum: ['event.created', 'event.updated'] },
    timestamp: { type: 'string', format: 'date-time' },
    data: eventSchema,
  },
  required: ['type', 'timestamp', 'data'],
} as const;

/**
 * The OpenAPI document is generated from the route schemas, so it cannot drift from what the
 * server validates. Registered before the routes: @fastify/swagger collects them as they are added.
 */
export async function registerOpenApi(app: FastifyInstance, version: string): Promise<void> {
  await app.register(swagger, {
    openapi: {
      openapi: '3.0.3',
      info: {
        title: 'chronicle',
        version,
        description: 'Follows developing news stories: sources, articles grouped into stories, dated events merged across outlets, signed webhooks.',
      },
      components: {
        securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } },
        // Not a route: what chronicle sends to webhook endpoints, for client generators.
        // The route schemas are `as const` (readonly arrays), which the OpenAPI types do not take.
        schemas: { Event: eventSchema, Story: storySchema, WebhookPayload: webhookPayloadSchema, Error: errorResponse } as unknown as Record<string, Record<string, unknown>>,
      },
      security: [{ bearer: [] }],
    },
  });
  await app.register(swaggerUi, { routePrefix: '/docs' });
}

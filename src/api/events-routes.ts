import type { FastifyInstance } from 'fastify';
import { NotFoundError, ValidationError } from '../errors.js';
import { getEvent, listEvents } from '../store/event-store.js';
import type { ApiDeps } from './api-deps.js';
import { cursorParam, errorResponses, eventSchema, idParams, isoDay, pageLimit } from './api-schemas.js';
import { assertCursor } from './page-cursor.js';

export interface EventsQuery {
  since?: string;
  until?: string;
  q?: string;
  source?: string;
  story?: string;
  order?: 'relevance' | 'date';
  limit: number;
  cursor?: string;
}

export const eventsQuerySchema = {
  type: 'object',
  properties: {
    since: { ...isoDay, description: 'events whose period ends on or after this day' },
    until: { ...isoDay, description: 'events whose period starts on or before this day' },
    q: {
      type: 'string',
      minLength: 1,
      maxLength: 200,
      description: 'words in the summary, actors, sentences or article titles, as a search engine reads them: "a phrase", -excluded, or',
    },
    order: { type: 'string', enum: ['relevance', 'date'], description: 'with q: best match first (the default) or newest first' },
    source: { type: 'string', minLength: 1, description: 'only events reported by this source id' },
    story: { type: 'string', minLength: 1, description: 'only the events of this story (GET /v1/stories)' },
    limit: pageLimit(50),
    cursor: cursorParam,
  },
  additionalProperties: false,
} as const;

export function registerEventRoutes(app: FastifyInstance, { db }: ApiDeps): void {
  app.get<{ Querystring: EventsQuery }>(
    '/v1/events',
    {
      schema: {
        tags: ['events'],
        summary: 'Events, newest first (by the date they happened or are due)',
        querystring: eventsQuerySchema,
        response: { 200: { type: 'object', properties: { events: { type: 'array', items: eventSchema }, nextCursor: { type: ['string', 'null'] } } }, ...errorResponses },
      },
    },
    async (request) => {
      const { since, until, q, source, story, order, limit, cursor } = request.query;
      if (since && until && since > until) throw new ValidationError('until', 'must not be before since');
      assertCursor(cursor, 'events');
      return listEvents(db, { since, until, q, sourceId: source, storyId: story, order, limit, cursor });
    },
  );

  app.get<{ Params: { id: string } }>(
    '/v1/events/:id',
    { schema: { tags: ['events'], summary: 'One event with its sources', params: idParams, response: { 200: eventSchema, ...errorResponses } } },
    async (request) => {
      const event = await getEvent(db, request.params.id);
      if (!event) throw new NotFoundError(`no event ${request.params.id}`);
      return event;
    },
  );
}

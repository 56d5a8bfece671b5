import type { FastifyInstance, FastifyRequest } from 'fastify';
import { ValidationError } from '../errors.js';
import { listEvents } from '../store/event-store.js';
import type { ApiDeps } from './api-deps.js';
import { errorResponses } from './api-schemas.js';
import { renderAtomFeed, renderJsonFeed, type FeedView } from './event-feeds.js';
import { eventsQuerySchema, type EventsQuery } from './events-routes.js';
import { assertCursor } from './page-cursor.js';

type FeedQuery = EventsQuery & { token?: string };

/** JSON Feed 1.1 as chronicle fills it (https://www.jsonfeed.org/version/1.1/). */
const jsonFeedSchema = {
  type: 'object',
  description: 'a JSON Feed 1.1 document',
  properties: {
    version: { type: 'string', enum: ['https://jsonfeed.org/version/1.1'] },
    title: { type: 'string' },
    home_page_url: { type: 'string' },
    feed_url: { type: 'string' },
    next_url: { type: 'string' },
    authors: { type: 'array', items: { type: 'object', properties: { name: { type: 'string' } } } },
    items: {
      type: 'array',
      items: {
        type: 'object',
        properties: {
          id: { type: 'string', description: 'the event id' },
          url: { type: 'string', description: 'the first source article' },
          title: { type: 'string' },
          content_html: { type: 'string' },
          summary: { type: 'string' },
          date_published: { type: 'string', format: 'date-time' },
          date_modified: { type: 'string', format: 'date-time' },
          tags: { type: 'array', items: { type: 'string' } },
          _chronicle: { type: 'object', description: 'date, granularity and sources of the event' },
        },
        required: ['id', 'title', 'content_html'],
      },
    },
  },
  required: ['version', 'title', 'items'],
} as const;

const feedQuerySchema = {
  ...eventsQuerySchema,
  properties: {
    ...eventsQuerySchema.properties,
    order: { ...eventsQuerySchema.properties.order, description: 'newest first (date, the default for feeds) or best match first' },
    token: { type: 'string', description: 'the API token, for feed readers that cannot send an Authorization header' },
  },
} as const;

/**
 * The query string of this feed without the token: the self and next links (with limit and
 * cursor), and the feed's identity (the filters alone: every page of a feed is the same feed).
 */
function filtersOf(query: FeedQuery, page: { cursor?: string | null } | 'identity'): URLSearchParams {
  const params = new URLSearchParams();
  const keys = page === 'identity' ? (['since', 'until', 'q', 'order', 'source', 'story'] as const) : (['since', 'until', 'q', 'order', 'source', 'story', 'limit'] as const);
  for (const key of keys) {
    const value = query[key];
    if (value !== undefined && value !== '') params.set(key, String(value));
  }
  if (page !== 'identity' && page.cursor) params.set('cursor', page.cursor);
  return params;
}

function titleOf(query: FeedQuery): string {
  const parts = [query.q && `“${query.q}”`, query.story && `in story ${query.story}`, query.source && `from ${query.source}`, query.since && `since ${query.since}`, query.until && `until ${query.until}`];
  const filters = parts.filter(Boolean).join(' ');
  return filters ? `chronicle events: ${filters}` : 'chronicle events';
}

/**
 * GET /v1/events.atom and /v1/events.json: the events of /v1/events, with the same filters, as
 * feeds. Newest first by default (a feed reader shows what is new); `order=relevance` with q.
 */
export function registerFeedRoutes(app: FastifyInstance, { db }: ApiDeps): void {
  const view = async (request: FastifyRequest<{ Querystring: FeedQuery }>, extension: 'atom' | 'json'): Promise<FeedView> => {
    const query = request.query;
    if (query.since && query.until && query.since > query.until) throw new ValidationError('until', 'must not be before since');
    assertCursor(query.cursor, 'events');
    const page = await listEvents(db, { since: query.since, until: query.until, q: query.q, sourceId: query.source, storyId: query.story, order: query.order ?? 'date', limit: query.limit, cursor: query.cursor });
    const base = `${request.protocol}://${request.host}`;
    const path = `${base}/v1/events.${extension}`;
    const withQuery = (params: URLSearchParams) => (params.size ? `${path}?${params}` : path);
    return {
      events: page.events,
      selfUrl: withQuery(filtersOf(query, { cursor: query.cursor })),
      nextUrl: page.nextCursor ? withQuery(filtersOf(query, { cursor: page.nextCursor })) : null,
      homeUrl: `${base}/`,
      title: titleOf(query),
      feedKey: filtersOf(query, 'identity').toString(),
    };
  };

  app.get<{ Querystring: FeedQuery }>(
    '/v1/events.atom',
    {
      schema: {
        tags: ['events'],
        summary: 'The events as an Atom feed (RFC 4287), same filters as /v1/events',
        querystring: feedQuerySchema,
        produces: ['application/atom+xml'],
        response: { 200: { type: 'string', description: 'an Atom feed document (RFC 4287)' }, ...errorResponses },
      },
    },
    async (request, reply) => reply.type('application/atom+xml; charset=utf-8').send(renderAtomFeed(await view(request, 'atom'))),
  );

  app.get<{ Querystring: FeedQuery }>(
    '/v1/events.json',
    {
      schema: {
        tags: ['events'],
        summary: 'The events as a JSON Feed 1.1, same filters as /v1/events',
        querystring: feedQuerySchema,
        produces: ['application/feed+json'],
        response: { 200: jsonFeedSchema, ...errorResponses },
      },
    },
    async (request, reply) => reply.type('application/feed+json; charset=utf-8').send(JSON.stringify(renderJsonFeed(await view(request, 'json')))),
  );
}

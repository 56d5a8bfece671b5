import type { FastifyInstance } from 'fastify';
import { NotFoundError } from '../errors.js';
import { listEvents } from '../store/event-store.js';
import { getStory, listStories } from '../store/story-store.js';
import type { ApiDeps } from './api-deps.js';
import { cursorParam, errorResponses, idParams, pageLimit, storySchema, storyTimelineSchema } from './api-schemas.js';
import { assertCursor } from './page-cursor.js';

interface PageQuery {
  limit: number;
  cursor?: string;
}

/**
 * GET /v1/stories (newest activity first) and GET /v1/stories/:id, the story with a page of its
 * events in the order of /v1/events (newest first), whose cursor /v1/events?story= takes too.
 */
export function registerStoryRoutes(app: FastifyInstance, { db }: ApiDeps): void {
  app.get<{ Querystring: PageQuery }>(
    '/v1/stories',
    {
      schema: {
        tags: ['stories'],
        summary: 'Stories, newest activity first (the publication of their latest article)',
        querystring: { type: 'object', properties: { limit: pageLimit(50), cursor: cursorParam }, additionalProperties: false },
        response: {
          200: { type: 'object', properties: { stories: { type: 'array', items: storySchema }, nextCursor: { type: ['string', 'null'] } }, required: ['stories', 'nextCursor'] },
          ...errorResponses,
        },
      },
    },
    async (request) => {
      assertCursor(request.query.cursor, 'stories');
      return listStories(db, { limit: request.query.limit, cursor: request.query.cursor });
    },
  );

  app.get<{ Params: { id: string }; Querystring: PageQuery }>(
    '/v1/stories/:id',
    {
      schema: {
        tags: ['stories'],
        summary: 'One story with its events as a timeline, newest first',
        description: 'The id of a story that another absorbed (its one article moved there) answers with that story, under its own id.',
        params: idParams,
        querystring: { type: 'object', properties: { limit: pageLimit(100), cursor: cursorParam }, additionalProperties: false },
        response: { 200: storyTimelineSchema, ...errorResponses },
      },
    },
    async (request) => {
      const story = await getStory(db, request.params.id);
      if (!story) throw new NotFoundError(`no story ${request.params.id}`);
      assertCursor(request.query.cursor, 'events');
      const page = await listEvents(db, { storyId: story.id, order: 'date', limit: request.query.limit, cursor: request.query.cursor });
      return { ...story, events: page.events, nextCursor: page.nextCursor };
    },
  );
}

import type { FastifyInstance, FastifyReply } from 'fastify';
import { listEvents } from '../store/event-store.js';
import type { ApiDeps } from './api-deps.js';
import { bearerToken, tokensMatch } from './auth.js';
import { cursorParam, pageLimit } from './api-schemas.js';
import { assertCursor } from './page-cursor.js';
import { renderTimeline, renderTokenForm } from './timeline-html.js';

interface TimelineQuery {
  q?: string;
  token?: string;
  cursor?: string;
  limit: number;
}

const CONTENT_SECURITY_POLICY = "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

function sendHtml(reply: FastifyReply, status: number, html: string): FastifyReply {
  return reply
    .code(status)
    .type('text/html; charset=utf-8')
    .header('content-security-policy', CONTENT_SECURITY_POLICY)
    // The token may sit in this page's URL: never send it on to the outlets it links to.
    .header('referrer-policy', 'no-referrer')
    .header('cache-control', 'no-store')
    .send(html);
}

/**
 * `/`: the timeline, rendered on the server from the store so that it works without scripts.
 * It checks the token itself (Bearer, or `?token=` from a browser) so that a visitor without
 * one gets a form rather than a JSON 401; the events are never shown without the token.
 */
export function registerTimelinePage(app: FastifyInstance, { db, config }: ApiDeps): void {
  app.get<{ Querystring: TimelineQuery }>(
    '/',
    {
      schema: {
        tags: ['timeline'],
        summary: 'The timeline page (HTML); token as Bearer or ?token=',
        produces: ['text/html'],
        response: { 200: { type: 'string', description: 'the timeline page (HTML); 401 gives the sign-in form, also HTML' } },
        querystring: {
          type: 'object',
          properties: {
            q: { type: 'string', maxLength: 200 },
            token: { type: 'string' },
            cursor: cursorParam,
            limit: pageLimit(100),
          },
        },
      },
    },
    async (request, reply) => {
      const { q, cursor, limit } = request.query;
      const fromQuery = request.query.token || null;
      const given = bearerToken(request) ?? fromQuery;
      if (!given || !tokensMatch(given, config.api.token)) return sendHtml(reply, 401, renderTokenForm(Boolean(given)));
      assertCursor(cursor, 'events');
      const page = await listEvents(db, { q: q?.trim() || undefined, order: 'date', limit, cursor });
      return sendHtml(reply, 200, renderTimeline({ events: page.events, q: q ?? '', token: fromQuery, nextCursor: page.nextCursor }));
    },
  );
}

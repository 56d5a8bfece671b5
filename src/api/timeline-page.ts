import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { decodeCursor } from '../store/article-store.js';
import { listEvents } from '../store/event-store.js';
import { listSources } from '../store/source-store.js';
import { getStory, listStories } from '../store/story-store.js';
import { SOURCE_ID_PATTERN } from '../config.js';
import { NEWS_WINDOW_DAYS } from '../notify/new-development.js';
import type { ApiDeps } from './api-deps.js';
import { bearerToken, cookieNamed, tokenCookieValue, tokensMatch } from './auth.js';
import { MODALITY_CHOICES, renderEventGroups, renderStories, renderTimeline, renderTokenForm, type TimelineFilters } from './timeline-html.js';
import { assertCursor } from './page-cursor.js';
import { TIMELINE_SCRIPT } from './timeline-script.js';

type PageQuery = Record<string, string | undefined>;

/** No inline script, no other origin: our own stylesheet block and /timeline.js only. */
const CONTENT_SECURITY_POLICY =
  "default-src 'none'; style-src 'unsafe-inline'; script-src 'self'; connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

const SESSION_COOKIE = 'chronicle_session';
/** The search box's bound, as /v1/events's q. */
const MAX_QUERY = 200;
const PAGE_SIZE = 100;
/** Stories listed beside the timeline of all events; the rest are a link away (`?view=stories`). */
const STORIES_BESIDE = 10;
const STORIES_PAGE_SIZE = 50;
/**
 * `?live=N`: the live update polls every N seconds instead of 30 (a wall screen that should
 * follow a breaking story closely, or a test). At least 5 s, so that an open tab cannot turn
 * into a load on the store; at most an hour.
 */
const LIVE_SECONDS = { min: 5, max: 3600 };

function readPollSeconds(value: string | undefined): { seconds?: number; problem?: string } {
  if (value === undefined || value === '') return {};
  const seconds = Number(value);
  if (!Number.isInteger(seconds) || seconds < LIVE_SECONDS.min || seconds > LIVE_SECONDS.max) {
    return { problem: `live: “${value}” is not a whole number of seconds from ${LIVE_SECONDS.min} to ${LIVE_SECONDS.max}.` };
  }
  return { seconds };
}

function sendHtml(reply: FastifyReply, status: number, html: string): FastifyReply {
  return reply
    .code(status)
    .type('text/html; charset=utf-8')
    .header('content-security-policy', CONTENT_SECURITY_POLICY)
    .header('referrer-policy', 'no-referrer')
    .header('cache-control', 'no-store')
    .send(html);
}

function sessionValue(token: string): string {
  return tokenCookieValue(token, SESSION_COOKIE);
}

/** HttpOnly (no script reads it), SameSite=Strict (no other site sends it), this path only. */
function sessionCookie(value: string, maxAgeSeconds: number): string {
  return `${SESSION_COOKIE}=${value}; Path=/; HttpOnly; SameSite=Strict; Max-Age=${maxAgeSeconds}`;
}

function signedIn(request: FastifyRequest, token: string): boolean {
  const bearer = bearerToken(request);
  if (bearer && tokensMatch(bearer, token)) return true;
  const cookie = cookieNamed(request, SESSION_COOKIE);
  return cookie !== null && tokensMatch(cookie, sessionValue(token));
}

/** The page's filters, each checked here so that a bad one is shown on the page, not as JSON. */
function readFilters(query: PageQuery): { filters: TimelineFilters; problem?: string } {
  const filters: TimelineFilters = {
    q: (query.q ?? '').trim(),
    source: query.source ?? '',
    since: query.since ?? '',
    until: query.until ?? '',
    modality: query.modality ?? '',
    fresh: query.new === '1' || query.new === 'on',
    story: query.story ?? '',
  };
  const day = /^\d{4}-\d{2}-\d{2}$/;
  if (filters.q.length > MAX_QUERY) return { filters: { ...filters, q: filters.q.slice(0, MAX_QUERY) }, problem: `The search is longer than ${MAX_QUERY} characters; shorten it.` };
  for (const key of ['since', 'until'] as const) {
    if (filters[key] && (!day.test(filters[key]) || Number.isNaN(Date.parse(filters[key])))) return { filters: { ...filters, [key]: '' }, problem: `“${filters[key]}” is not a date (YYYY-MM-DD).` };
  }
  if (filters.since && filters.until && filters.since > filters.until) return { filters, problem: 'The end date is before the start date.' };
  if (filters.modality && !(MODALITY_CHOICES as readonly string[]).includes(filters.modality)) return { filters: { ...filters, modality: '' }, problem: `“${filters.modality}” is not a modality.` };
  // Story ids are made like source ids (letters, digits, "_"); anything else names no story.
  if (filters.story && !SOURCE_ID_PATTERN.test(filters.story)) return { filters: { ...filters, story: '' }, problem: `“${filters.story}” is not a story id.` };
  return { filters };
}

function validCursor(cursor: string | undefined): boolean {
  if (!cursor) return true;
  try {
    return decodeCursor(cursor).length === 4;
  } catch {
    return false;
  }
}

/** A story page's cursor, checked as the API checks it (a garbage time would reach SQL). */
function validStoriesCursor(cursor: string | undefined): boolean {
  try {
    assertCursor(cursor, 'stories');
    return true;
  } catch {
    return false;
  }
}

function eventQuery(filters: TimelineFilters) {
  return {
    q: filters.q || undefined,
    sourceId: filters.source || undefined,
    since: filters.since || undefined,
    until: filters.until || undefined,
    modality: filters.modality || undefined,
    storyId: filters.story || undefined,
    newWithinDays: filters.fresh ? NEWS_WINDOW_DAYS : undefined,
    // A timeline: newest first even when searching.
    order: 'date' as const,
  };
}

/**
 * `/`: the timeline, rendered on the server so that it reads without scripts. Sign-in is once:
 * the token (from the form, or a `?token=` link) becomes an HttpOnly cookie and the browser is
 * sent to the same URL without it, so the token never stays in the address bar, the history or
 * a shared link. `/timeline/new` gives the live update its fragment; `/timeline.js` is the script.
 */
export function registerTimelinePage(app: FastifyInstance, { db, config }: ApiDeps): void {
  const token = config.api.token;
  const hidden = { hide: true } as const;

  app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string', bodyLimit: 4096 }, (_request, body, done) => {
    done(null, Object.fromEntries(new URLSearchParams(body as string)));
  });

  app.get<{ Querystring: PageQuery }>('/', { schema: { tags: ['timeline'], summary: 'The timeline page (HTML); sign in with the form, or Bearer', produces: ['text/html'], response: { 200: { type: 'string', description: 'the timeline page (HTML); without a session, the sign-in form (401)' } } } }, async (request, reply) => {
    const fromQuery = request.query.token;
    if (fromQuery !== undefined) {
      if (!tokensMatch(fromQuery, token)) return sendHtml(reply, 401, renderTokenForm(true));
      const clean = new URL(request.url, 'http://local');
      clean.searchParams.delete('token');
      return reply.header('set-cookie', sessionCookie(sessionValue(token), 30 * 86_400)).header('referrer-policy', 'no-referrer').redirect(`${clean.pathname}${clean.search}`, 303);
    }
    if (!signedIn(request, token)) return sendHtml(reply, 401, renderTokenForm(false));
    if (request.query.view === 'stories') return storiesPage(reply, request.query.cursor);
    const { filters, problem: filterProblem } = readFilters(request.query);
    const { seconds: pollSeconds, problem: liveProblem } = readPollSeconds(request.query.live);
    const problem = filterProblem ?? liveProblem;
    const sources = (await listSources(db)).map((source) => source.id);
    if (problem || !validCursor(request.query.cursor)) {
      return sendHtml(reply, 400, renderTimeline({ events: [], filters, sources, nextCursor: null, problem: problem ?? 'That page link is not valid any more; start again from the newest events.' }));
    }
    const story = filters.story ? await getStory(db, filters.story) : null;
    if (filters.story && !story) {
      return sendHtml(reply, 404, renderTimeline({ events: [], filters, sources, nextCursor: null, problem: 'There is no such story; see all stories.' }));
    }
    const page = await listEvents(db, { ...eventQuery(filters), limit: PAGE_SIZE, cursor: request.query.cursor });
    // Beside the timeline of all events, the stories it holds; a story's own timeline shows that story instead.
    const stories = story ? null : await listStories(db, { limit: STORIES_BESIDE });
    return sendHtml(
      reply,
      200,
      renderTimeline({ events: page.events, filters, sources, nextCursor: page.nextCursor, pollSeconds, story: story ?? undefined, stories: stories?.stories, moreStories: Boolean(stories?.nextCursor) }),
    );
  });

  async function storiesPage(reply: FastifyReply, cursor: string | undefined): Promise<FastifyReply> {
    if (!validStoriesCursor(cursor)) return sendHtml(reply, 400, renderStories({ stories: [], nextCursor: null, problem: 'That page link is not valid any more; start again from the newest stories.' }));
    const page = await listStories(db, { limit: STORIES_PAGE_SIZE, cursor });
    return sendHtml(reply, 200, renderStories(page));
  }

  app.post<{ Body: Record<string, string> | undefined }>('/sign-in', { schema: hidden }, async (request, reply) => {
    const given = typeof request.body?.token === 'string' ? request.body.token : '';
    if (!given || !tokensMatch(given, token)) return sendHtml(reply, 401, renderTokenForm(Boolean(given)));
    return reply.header('set-cookie', sessionCookie(sessionValue(token), 30 * 86_400)).redirect('/', 303);
  });

  app.post('/sign-out', { schema: hidden }, async (_request, reply) => reply.header('set-cookie', sessionCookie('', 0)).redirect('/', 303));

  app.get<{ Querystring: PageQuery }>('/timeline/new', { schema: hidden }, async (request, reply) => {
    if (!signedIn(request, token)) return reply.code(401).send({ error: 'unauthorized' });
    const { filters, problem } = readFilters(request.query);
    const after = request.query.after ?? '';
    if (problem || Number.isNaN(Date.parse(after))) return reply.code(400).send({ error: problem ?? 'after: not a time' });
    const page = await listEvents(db, { ...eventQuery(filters), seenAfter: new Date(after).toISOString(), limit: PAGE_SIZE });
    const newest = page.events.map((event) => event.firstSeenAt).sort().at(-1);
    if (newest) reply.header('x-newest-first-seen', newest);
    return sendHtml(reply, 200, renderEventGroups(page.events, filters.story));
  });

  app.get('/timeline.js', { schema: hidden }, async (_request, reply) =>
    reply.type('text/javascript; charset=utf-8').header('cache-control', 'no-cache').send(TIMELINE_SCRIPT),
  );
}

import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';

/**
 * Bearer-token authentication for the whole API (design.md: "Bearer token for everything but
 * /healthz"). The docs are public (they hold no data); the timeline page checks the token
 * itself so that it can show a form instead of JSON; Bull Board also accepts `?token=` once
 * and then a cookie, because its browser UI calls its own API without our header; the event
 * feeds accept `?token=`, because feed readers only know a URL.
 */

/**
 * Feeds take the token as `?token=` too: feed readers subscribe to a URL and cannot send a
 * header. The log masks the value (redact.ts).
 */
const FEED_PATHS = [/^\/v1\/events\.(atom|json)$/];

/** Paths that need no token at all. */
// The timeline page's routes check the token or its session cookie themselves (timeline-page.ts),
// so that a browser without one gets the sign-in form rather than a JSON 401.
const PUBLIC_PATHS = [/^\/healthz$/, /^\/docs(\/.*)?$/, /^\/$/, /^\/sign-(in|out)$/, /^\/timeline\/new$/, /^\/timeline\.js$/];
export const BOARD_PREFIX = '/admin/queues';
const BOARD_COOKIE = 'chronicle_board';

/** Compares two secrets in constant time: hashing first gives equal lengths whatever was sent. */
export function tokensMatch(given: string, expected: string): boolean {
  const digest = (text: string) => createHash('sha256').update(text).digest();
  return timingSafeEqual(digest(given), digest(expected));
}

export function bearerToken(request: FastifyRequest): string | null {
  const header = request.headers.authorization;
  const match = header ? /^Bearer\s+(.+)$/i.exec(header.trim()) : null;
  return match ? match[1] : null;
}

export function queryToken(request: FastifyRequest): string | null {
  const token = new URL(request.url, 'http://local').searchParams.get('token');
  return token || null;
}

export function pathOf(request: FastifyRequest): string {
  const end = request.url.indexOf('?');
  return end === -1 ? request.url : request.url.slice(0, end);
}

/**
 * A sign-in cookie holds an HMAC of the token keyed by the cookie's name, not the token: a copied
 * cookie grants what that cookie grants (the board, the page), never the API.
 */
export function tokenCookieValue(token: string, cookieName: string): string {
  return createHmac('sha256', token).update(cookieName).digest('base64url');
}

function boardCookieValue(token: string): string {
  return tokenCookieValue(token, BOARD_COOKIE);
}

export function cookieNamed(request: FastifyRequest, name: string): string | null {
  for (const part of (request.headers.cookie ?? '').split(';')) {
    const [key, ...value] = part.trim().split('=');
    if (key === name) return value.join('=');
  }
  return null;
}

function isBoardPath(path: string): boolean {
  return path === BOARD_PREFIX || path.startsWith(`${BOARD_PREFIX}/`);
}

/** Whether the Bull Board request carries the token (query) or the cookie set from it. */
function boardAccess(request: FastifyRequest, token: string): 'token' | 'cookie' | null {
  const fromQuery = queryToken(request);
  if (fromQuery && tokensMatch(fromQuery, token)) return 'token';
  const cookie = cookieNamed(request, BOARD_COOKIE);
  if (cookie && tokensMatch(cookie, boardCookieValue(token))) return 'cookie';
  return null;
}

function unauthorized(reply: FastifyReply): FastifyReply {
  return reply.code(401).header('www-authenticate', 'Bearer').send({ error: 'unauthorized' });
}

/** Installs the token check on every route of `app` (and of the plugins registered after it). */
export function installAuth(app: FastifyInstance, token: string): void {
  app.addHook('onRequest', async (request, reply) => {
    const path = pathOf(request);
    if (PUBLIC_PATHS.some((pattern) => pattern.test(path))) return;
    const bearer = bearerToken(request);
    if (bearer && tokensMatch(bearer, token)) return;
    if (FEED_PATHS.some((pattern) => pattern.test(path))) {
      const fromQuery = queryToken(request);
      if (fromQuery && tokensMatch(fromQuery, token)) return;
    }
    if (isBoardPath(path)) {
      const access = boardAccess(request, token);
      if (access === 'token') {
        // SameSite=Strict keeps other sites from riding the cookie into Bull Board's retry/clean actions.
        reply.header('set-cookie', `${BOARD_COOKIE}=${boardCookieValue(token)}; Path=${BOARD_PREFIX}; HttpOnly; SameSite=Strict`);
      }
      if (access) return;
    }
    return unauthorized(reply);
  });
}

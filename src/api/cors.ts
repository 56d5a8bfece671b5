import type { FastifyInstance, FastifyReply } from 'fastify';
import { pathOf } from './auth.js';

/**
 * Cross-origin calls (CORS), off unless the operator lists origins in `api.cors.origins`. The API
 * answers anyone holding its token, so by default a page on another origin gets no header and the
 * browser keeps the answer from it. A listed origin may call the JSON API and the feeds (`/v1/…`)
 * and `/healthz` with `Authorization: Bearer …`.
 *
 * Credentials (cookies) are never allowed cross-origin: no `Access-Control-Allow-Credentials`
 * is ever sent, so a browser refuses a cross-origin answer to a request made with cookies, and the
 * pages that take a cookie (`/`, sign-in, `/timeline/…`, `/admin/queues`) get no CORS header at
 * all. The token travels in the `Authorization` header, which needs no credentials mode.
 */

/** The API's routes; the browser pages and Bull Board stay same-origin. */
const CORS_PATHS = [/^\/v1\//, /^\/healthz$/];

const ALLOWED_METHODS = 'GET, HEAD, POST, DELETE';
const ALLOWED_HEADERS = 'Authorization, Content-Type';
/** Browsers cap the preflight cache themselves (Chromium at 2 h); ten minutes spares a preflight per call. */
const PREFLIGHT_MAX_AGE_SECONDS = 600;

/** Before the token check (auth.ts): a preflight carries no Authorization header by design. */
export function installCors(app: FastifyInstance, origins: readonly string[]): void {
  if (origins.length === 0) return;
  const allowed = new Set(origins);
  app.addHook('onRequest', async (request, reply) => {
    if (!CORS_PATHS.some((pattern) => pattern.test(pathOf(request)))) return;
    // The answer differs by Origin once any origin is allowed: a shared cache must not give one
    // origin's answer (with its Allow-Origin) to another.
    addVary(reply, 'Origin');
    const origin = request.headers.origin;
    if (!origin || !allowed.has(origin)) return;
    reply.header('access-control-allow-origin', origin);
    if (request.method === 'OPTIONS' && request.headers['access-control-request-method']) {
      return reply
        .code(204)
        .header('access-control-allow-methods', ALLOWED_METHODS)
        .header('access-control-allow-headers', ALLOWED_HEADERS)
        .header('access-control-max-age', String(PREFLIGHT_MAX_AGE_SECONDS))
        .send();
    }
  });
}

function addVary(reply: FastifyReply, name: string): void {
  const current = reply.getHeader('vary');
  reply.header('vary', current ? `${String(current)}, ${name}` : name);
}

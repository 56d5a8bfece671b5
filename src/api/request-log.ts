import type { FastifyInstance } from 'fastify';

/**
 * One log line per request, written here instead of by fastify because the timeline page and
 * Bull Board take the API token as `?token=`: fastify's own lines would log it with the URL.
 */
export function redactUrl(url: string): string {
  return url.replace(/([?&]token=)[^&#]*/gi, '$1[redacted]');
}

export function installRequestLog(app: FastifyInstance): void {
  app.addHook('onResponse', async (request, reply) => {
    request.log.info(
      { method: request.method, url: redactUrl(request.url), statusCode: reply.statusCode, responseTimeMs: Math.round(reply.elapsedTime) },
      'request completed',
    );
  });
}

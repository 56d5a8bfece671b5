import type { FastifyInstance } from 'fastify';
import { maskUserinfo } from '../redact.js';

/** Bodies that are text we build (JSON, the timeline page, the feeds); Bull Board's files stream. */
const TEXT_TYPE = /^(application\/(json|atom\+xml|feed\+json|xml)|text\/)/i;

/**
 * Credentials in URLs never leave through the API: a source or webhook created with
 * `https://user:password@host/…`, a `lastError` or delivery error that quotes such a URL, an
 * article URL that carried one. The stored value keeps them (the fetcher and the notifier need
 * them); every text body is passed through maskUserinfo on its way out, so that no route (today's
 * or a later one) has to remember to.
 */
export function installCredentialMasking(app: FastifyInstance): void {
  app.addHook('onSend', async (_request, reply, payload) => {
    if (typeof payload !== 'string') return payload;
    const type = String(reply.getHeader('content-type') ?? '');
    return TEXT_TYPE.test(type) ? maskUserinfo(payload) : payload;
  });
}

import { createBullBoard } from '@bull-board/api';
import type { IServerAdapter } from '@bull-board/api/typings/app';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { FastifyAdapter } from '@bull-board/fastify';
import type { FastifyInstance } from 'fastify';
import { QUEUE_NAMES } from '../../jobs/queues.js';
import type { ApiDeps } from './api-deps.js';
import { BOARD_PREFIX } from './auth.js';

/**
 * The board loads nothing but its own files: its page template links Google Fonts (there is no
 * UI option to turn that off in @bull-board/ui 9.10), which would tell a third party each time an
 * operator opens the board and fails on a host with no way out. The link is dropped from the
 * page (the CSS falls back to the system sans-serif) and the browser is told, by CSP, to load
 * from this origin only, so that a later version's external resource is refused too. Inline
 * styles stay allowed: the page's loading spinner and React's style attributes use them.
 */
const BOARD_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

/** `<link href="https://…">` and `<script src="//…">`: anything the page would fetch from elsewhere. */
const REMOTE_LINK = /<link\b[^>]*\bhref\s*=\s*["']?(?:[a-z][a-z0-9+.-]*:)?\/\/[^>]*>/gi;
const REMOTE_SCRIPT = /<script\b[^>]*\bsrc\s*=\s*["']?(?:[a-z][a-z0-9+.-]*:)?\/\/[^>]*>\s*<\/script>/gi;

export function dropRemoteResources(html: string): string {
  return html.replace(REMOTE_LINK, '').replace(REMOTE_SCRIPT, '');
}

/** Bull Board at /admin/queues, one view per queue; the token check in auth.ts guards it. */
export async function registerQueueBoard(app: FastifyInstance, { queues }: ApiDeps): Promise<void> {
  const serverAdapter = new FastifyAdapter();
  serverAdapter.setBasePath(BOARD_PREFIX);
  // @bull-board/fastify brings its own copy of @bull-board/api (9.10.1 beside our 9.10.2): the
  // same classes in two declarations, which TypeScript will not unify; at run time they agree.
  createBullBoard({ queues: QUEUE_NAMES.map((name) => new BullMQAdapter(queues[name])), serverAdapter: serverAdapter as unknown as IServerAdapter });
  // A plugin scope of its own, so that the CSP and the rewrite apply to the board's responses only.
  await app.register(async (board) => {
    board.addHook('onSend', async (_request, reply, payload) => {
      reply.header('content-security-policy', BOARD_CSP);
      const html = typeof payload === 'string' && String(reply.getHeader('content-type') ?? '').startsWith('text/html');
      return html ? dropRemoteResources(payload) : payload;
    });
    await board.register(serverAdapter.registerPlugin(), { prefix: BOARD_PREFIX });
  });
}

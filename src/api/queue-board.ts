import { createBullBoard } from '@bull-board/api';
import type { IServerAdapter } from '@bull-board/api/typings/app';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { FastifyAdapter } from '@bull-board/fastify';
import type { FastifyInstance } from 'fastify';
import { QUEUE_NAMES } from '../../jobs/queues.js';
import type { ApiDeps } from './api-deps.js';
import { BOARD_PREFIX } from './auth.js';

/** Bull Board at /admin/queues, one view per queue; the token check in auth.ts guards it. */
export async function registerQueueBoard(app: FastifyInstance, { queues }: ApiDeps): Promise<void> {
  const serverAdapter = new FastifyAdapter();
  serverAdapter.setBasePath(BOARD_PREFIX);
  // @bull-board/fastify brings its own copy of @bull-board/api (9.10.1 beside our 9.10.2): the
  // same classes in two declarations, which TypeScript will not unify; at run time they agree.
  createBullBoard({ queues: QUEUE_NAMES.map((name) => new BullMQAdapter(queues[name])), serverAdapter: serverAdapter as unknown as IServerAdapter });
  await app.register(serverAdapter.registerPlugin(), { prefix: BOARD_PREFIX });
}

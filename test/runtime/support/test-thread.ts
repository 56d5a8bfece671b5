import { serveThreadTasks } from '../../../src/runtime/thread-pool.js';

/** A worker thread that misbehaves on request, for the pool's tests. */
export type TestTask = { kind: 'echo'; value: number } | { kind: 'spin' } | { kind: 'throw'; message: string } | { kind: 'balloon' } | { kind: 'thread-id' } | { kind: 'exit' };

const kept: unknown[] = [];

serveThreadTasks(async (task: TestTask) => {
  if (task.kind === 'echo') return task.value * 2;
  if (task.kind === 'throw') throw new RangeError(task.message);
  if (task.kind === 'thread-id') return (await import('node:worker_threads')).threadId;
  if (task.kind === 'exit') process.exit(3);
  if (task.kind === 'balloon') for (;;) kept.push(new Array(1_000_000).fill(kept.length));
  for (;;); // spin (also for any other input, e.g. an AnalysisInput): synchronous, only terminate() stops it
});

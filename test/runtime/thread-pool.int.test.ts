import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { ProcessBudgetError } from '../../src/errors.js';
import { compressRaw } from '../../src/fetch/raw-body.js';
import { analyzeArticle, type AnalysisInput } from '../../src/pipeline/analyze-article.js';
import { createAnalysisPool, type AnalysisPool } from '../../src/runtime/analysis-pool.js';
import { ThreadPool } from '../../src/runtime/thread-pool.js';
import type { TestTask } from './support/test-thread.js';

/** Threads run the TypeScript sources through tsx here (ts-thread.mjs); the service runs dist/analysis-thread.js. */
const TS_THREAD = new URL('../support/ts-thread.mjs', import.meta.url);
const tsEntry = (path: string) => ({ tsEntry: new URL(path, import.meta.url).href });
const open: { close: () => Promise<void> }[] = [];

function pool(options: { size: number; budgetMs: number; maxHeapMb?: number }): ThreadPool<TestTask, unknown> {
  const created = new ThreadPool<TestTask, unknown>(TS_THREAD, { ...options, workerData: tsEntry('./support/test-thread.ts') });
  open.push(created);
  return created;
}

async function failure(promise: Promise<unknown>): Promise<Error> {
  try {
    await promise;
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected the task to fail');
}

afterEach(async () => {
  for (const created of open.splice(0)) await created.close();
});

describe('ThreadPool', () => {
  it('runs tasks in its threads and sends back what they throw', async () => {
    const threads = pool({ size: 2, budgetMs: 20_000 });
    expect(await Promise.all([1, 2, 3, 4, 5].map((value) => threads.run({ kind: 'echo', value })))).toEqual([2, 4, 6, 8, 10]);
    const thrown = await failure(threads.run({ kind: 'throw', message: 'bad input' }));
    expect(thrown).toMatchObject({ name: 'RangeError', message: 'bad input' });
    expect(thrown).not.toBeInstanceOf(ProcessBudgetError);
    expect(await threads.run({ kind: 'echo', value: 21 })).toBe(42);
  });

  it('fails the task of a thread that exits, and carries on with a new thread', async () => {
    const threads = pool({ size: 1, budgetMs: 20_000 });
    expect(await failure(threads.run({ kind: 'exit' }))).toMatchObject({ message: expect.stringMatching(/exited with code 3/) });
    expect(await threads.run({ kind: 'echo', value: 2 })).toBe(4);
  });

  it('stops a task over its time budget, fails it as PROCESS_TIMEOUT and replaces the thread', async () => {
    const threads = pool({ size: 1, budgetMs: 1_000 });
    const before = await threads.run({ kind: 'thread-id' });
    // The main thread stays free meanwhile: a timer keeps firing while the thread spins.
    let ticks = 0;
    const ticker = setInterval(() => (ticks += 1), 50);
    const queued = threads.run({ kind: 'echo', value: 5 });
    const error = await failure(threads.run({ kind: 'spin' }));
    clearInterval(ticker);
    expect(error).toBeInstanceOf(ProcessBudgetError);
    expect(error).toMatchObject({ code: 'PROCESS_TIMEOUT', retryable: false });
    expect(ticks).toBeGreaterThan(5);
    expect(await queued).toBe(10);
    const after = await threads.run({ kind: 'thread-id' });
    expect(after).not.toBe(before);
    expect(await threads.run({ kind: 'echo', value: 1 })).toBe(2);
  });

  it('fails a task that exhausts its thread heap as PROCESS_OUT_OF_MEMORY; the pool carries on', async () => {
    const threads = pool({ size: 1, budgetMs: 60_000, maxHeapMb: 64 });
    const error = await failure(threads.run({ kind: 'balloon' }));
    expect(error).toMatchObject({ code: 'PROCESS_OUT_OF_MEMORY', retryable: false });
    expect(await threads.run({ kind: 'echo', value: 4 })).toBe(8);
  });
});

describe('the analysis pool', () => {
  it('analyses an article in a thread exactly as in-process', async () => {
    const html = readFileSync(new URL('../fixtures/pages/seed-002-independent/page.html', import.meta.url));
    const expected = JSON.parse(readFileSync(new URL('../fixtures/pages/seed-002-independent/expected.json', import.meta.url), 'utf8'));
    const input: AnalysisInput = { raw: compressRaw(html), contentType: 'text/html; charset=utf-8', url: expected.url, feedPublishedAt: null, fetchedAt: null };
    const analysis: AnalysisPool = createAnalysisPool(TS_THREAD, { size: 1, workerData: tsEntry('../../src/runtime/analysis-thread.ts') });
    open.push(analysis);
    const threaded = await analysis.analyze(input);
    expect(threaded.kind).toBe('article');
    expect(threaded).toEqual(analyzeArticle(input));
  });
});

describe('ThreadPool with an entry that does not load', () => {
  it('fails its tasks with the error instead of hanging', async () => {
    const broken = new ThreadPool<TestTask, unknown>(TS_THREAD, { size: 1, budgetMs: 20_000, workerData: tsEntry('./support/no-such-thread.ts') });
    open.push(broken);
    expect(await failure(broken.run({ kind: 'echo', value: 1 }))).toMatchObject({ message: expect.stringMatching(/no-such-thread/) });
  });
});

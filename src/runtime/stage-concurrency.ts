import { availableParallelism } from 'node:os';
import type { Config } from '../config.js';

/** How many jobs of each stage one process runs at once, and how many analysis threads it keeps. */
export interface StageConcurrency {
  analysisThreads: number;
  discover: number;
  fetch: number;
  process: number;
  notify: number;
}

/**
 * The config's `workers` numbers, each defaulting from the core count:
 * - analysis threads: one per core (the process stage's CPU work: decode, extract, date);
 * - process: two jobs per thread, so that a thread analyses the next article while the main
 *   thread writes the last one's transaction (merges run one at a time, process-article.ts);
 * - fetch and notify: network waits, not CPU; 4 per core, at least 8 (the fixed number before);
 *   politeness per host is the fetcher's, whatever this is;
 * - discover: 2 per core, at least 4 (the fixed number before).
 * `inProcess`: no thread pool (the CLI run from its TypeScript sources): one analysis at a time.
 */
export function stageConcurrency(workers: Config['workers'], options: { cores?: number; inProcess?: boolean } = {}): StageConcurrency {
  const cores = Math.max(1, options.cores ?? availableParallelism());
  const analysisThreads = workers.analysisThreads ?? cores;
  const { concurrency } = workers;
  return {
    analysisThreads,
    discover: concurrency.discover ?? Math.max(4, 2 * cores),
    fetch: concurrency.fetch ?? Math.max(8, 4 * cores),
    process: concurrency.process ?? (options.inProcess ? 1 : 2 * analysisThreads),
    notify: concurrency.notify ?? Math.max(8, 4 * cores),
  };
}

import { availableParallelism } from 'node:os';
import type { Logger } from 'pino';
import type { Analyze, AnalysisInput, AnalysisResult } from '../pipeline/analyze-article.js';
import { ThreadPool } from './thread-pool.js';

/**
 * The process stage's thread pool: one thread per core, each analysing one article at a time.
 *
 * Budget: an article takes ~14 ms to extract (the extraction benchmark) and 2 s at most on a
 * 20 MB page; dating its events adds less. Thirty seconds is fifteen times the worst legitimate
 * page on a busy machine; an analysis still running then is a hostile or pathological page.
 * Heap: the extractor holds a DOM of at most 400 KB of pruned markup; 512 MB is ample, and a
 * page that blows past it takes down one thread, not the process.
 */
export const ANALYSIS_BUDGET_MS = 30_000;
export const ANALYSIS_HEAP_MB = 512;

export interface AnalysisPool {
  analyze: Analyze;
  size: number;
  close: () => Promise<void>;
}

export function createAnalysisPool(entry: URL, options: { logger?: Logger; size?: number; budgetMs?: number; workerData?: unknown } = {}): AnalysisPool {
  const pool = new ThreadPool<AnalysisInput, AnalysisResult>(entry, {
    size: options.size ?? availableParallelism(),
    budgetMs: options.budgetMs ?? ANALYSIS_BUDGET_MS,
    maxHeapMb: ANALYSIS_HEAP_MB,
    workerData: options.workerData,
    logger: options.logger,
  });
  return { analyze: (input) => pool.run(input), size: pool.size, close: () => pool.close() };
}

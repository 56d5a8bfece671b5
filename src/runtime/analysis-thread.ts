import { analyzeArticle, type AnalysisInput } from '../pipeline/analyze-article.js';
import { serveThreadTasks } from './thread-pool.js';

/**
 * Entry of the process stage's worker threads (built to dist/analysis-thread.js beside cli.js):
 * decode, extract and date one article per task, off the main event loop.
 */
serveThreadTasks((input: AnalysisInput) => analyzeArticle(input));

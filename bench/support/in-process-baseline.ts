import { extractArticle } from '../../src/extract/extract-article.js';
import { compressRaw } from '../../src/fetch/raw-body.js';
import { analyzeArticle } from '../../src/pipeline/analyze-article.js';

/**
 * The ratio's baseline, measured in the same run over the same pages: the work the service
 * exists for, done in this process on one core with nothing around it. Extraction alone
 * (`extractArticle`, pages/s by the clock, as `chronicle extract` does it), and the whole
 * analysis of the process stage (`analyzeArticle`: decompress, decode, extract, date, events)
 * in CPU ms per page, the unit the service's CPU per article is compared with.
 */
export interface BaselinePage {
  url: string;
  html: string;
}

export interface BaselineFigures {
  pages: number;
  extractPagesPerSecond: number;
  extractCpuMsPerPage: number;
  analyzeCpuMsPerPage: number;
  analyzeWallMsPerPage: number;
  /** Per page (same order): whether it is an article, how many events, whether one names `mustName`. */
  outcomes: { article: boolean; events: number; namesOwn: boolean }[];
}

const cpuNow = () => {
  const usage = process.cpuUsage();
  return (usage.user + usage.system) / 1000;
};

export function measureBaseline(pages: readonly BaselinePage[], names: readonly string[], warmup: readonly BaselinePage[]): BaselineFigures {
  // JIT and lazy module state first, so that neither side pays for them in its figures.
  for (const page of warmup) safeExtract(page);
  const raws = pages.map((page) => compressRaw(Buffer.from(page.html)));

  let wall = performance.now();
  let cpu = cpuNow();
  for (const page of pages) safeExtract(page);
  const extractWallMs = performance.now() - wall;
  const extractCpuMs = cpuNow() - cpu;

  const outcomes: BaselineFigures['outcomes'] = [];
  wall = performance.now();
  cpu = cpuNow();
  pages.forEach((page, i) => {
    const result = analyzeArticle({ raw: raws[i], contentType: 'text/html; charset=utf-8', url: page.url, feedPublishedAt: null, fetchedAt: null });
    outcomes.push(
      result.kind === 'article'
        ? { article: true, events: result.events.length, namesOwn: result.events.some((event) => event.sentence.includes(names[i])) }
        : { article: false, events: 0, namesOwn: false },
    );
  });
  const analyzeWallMs = performance.now() - wall;
  const analyzeCpuMs = cpuNow() - cpu;
  return {
    pages: pages.length,
    extractPagesPerSecond: (pages.length * 1000) / extractWallMs,
    extractCpuMsPerPage: extractCpuMs / pages.length,
    analyzeCpuMsPerPage: analyzeCpuMs / pages.length,
    analyzeWallMsPerPage: analyzeWallMs / pages.length,
    outcomes,
  };
}

function safeExtract(page: BaselinePage): void {
  try {
    extractArticle(page.html, { url: page.url });
  } catch {
    // A page with no article costs its attempt all the same, as in the service.
  }
}

import { ExtractionError } from '../errors.js';
import { extractArticle, type ExtractedArticle } from '../extract/extract-article.js';
import { extractEvents, type ExtractedEvent } from '../events/extract-events.js';
import { decodeBody } from '../fetch/decode-body.js';
import { decompressRaw } from '../fetch/raw-body.js';
import { canonicalFromHtml } from '../sources/canonical-url.js';
import { pageTextHash } from '../sources/content-revision.js';
import { htmlNestingDepth, MAX_HTML_DEPTH } from '../sources/html-depth.js';
import { articleProfile } from '../stories/article-profile.js';
import type { ArticleProfile } from '../stories/story-types.js';

/**
 * The pure, CPU-heavy part of the process stage (steps 2–5 of processArticle): kept bytes in,
 * article and dated events out. No store, no queue: plain data both ways, so that it can run in
 * a worker thread (runtime/analysis-thread.ts) as well as in-process.
 */
export interface AnalysisInput {
  /** The stored raw body as kept by compressRaw. */
  raw: Uint8Array;
  contentType: string | null;
  url: string;
  /** Where the bytes came from, after redirects (the page's own site, for its rel=canonical). */
  fetchedUrl?: string | null;
  feedPublishedAt: string | null;
  /** The feed item's title: the story profile's title when the page gives none. */
  feedTitle?: string | null;
  fetchedAt: string | null;
}

export type AnalysisResult =
  /** `eventsDropped`: events past MAX_EVENTS_PER_ARTICLE, left out (see there). */
  /**
   * `contentHash`: the page's revision hash (content-revision.ts pageTextHash), from extraction's
   * pass; `pageCanonical`: the page's own rel=canonical, canonicalized (null when it names none);
   * `storyProfile`: what the story step compares (stories/article-profile.ts), read here, off the
   * main thread, where the store's transaction waits for nothing else.
   */
  | {
      kind: 'article';
      extracted: ExtractedArticle;
      publishedAt: string;
      events: ExtractedEvent[];
      eventsDropped: number;
      contentHash: string;
      pageCanonical: string | null;
      storyProfile: ArticleProfile;
    }
  | { kind: 'not-article'; code: string; message: string };

/** How the process stage gets an analysis done: in-process (the default) or by a thread pool. */
export type Analyze = (input: AnalysisInput) => Promise<AnalysisResult>;

export function analyzeArticle(input: AnalysisInput): AnalysisResult {
  // 2. Decode the kept bytes.
  const raw = Buffer.from(input.raw.buffer, input.raw.byteOffset, input.raw.byteLength);
  const html = decodeBody(decompressRaw(raw), input.contentType).text;
  let extracted: ExtractedArticle;
  const pageText: string[] = [];
  try {
    // 3. Extract the article. Its parse budget is checked first: extraction flattens nesting
    //    past 200, but its tokenizer pass keeps a stack that costs O(depth) a tag. The page's
    //    text for its revision hash is taken from extraction's pass as it goes.
    refuseDeepPage(html);
    extracted = extractArticle(html, { url: input.url, onPageText: (text) => pageText.push(text) });
  } catch (error) {
    if (!(error instanceof ExtractionError)) throw error;
    return { kind: 'not-article', code: error.code, message: error.message };
  }
  // 4. Settle its publication date, 5. extract the dated events.
  const publishedAt = extracted.publishedAt ?? input.feedPublishedAt ?? input.fetchedAt ?? new Date().toISOString();
  const all = distinctEvents(extractEvents(extracted.text, { publishedAt }));
  const events = all.slice(0, MAX_EVENTS_PER_ARTICLE);
  // The page's own rel=canonical, for the duplicate check: a scan of its <head> only (it stops
  // at <body>, 0.25 ms a page), with the rules canonicalFromHtml has always applied.
  const pageCanonical = canonicalFromHtml(html, input.fetchedUrl ?? input.url);
  // What the story step compares: publishedAt is a guess when neither the page nor the feed gave one.
  const storyProfile = articleProfile({
    title: extracted.title ?? input.feedTitle ?? null,
    text: extracted.text,
    events,
    publishedAt,
    publishedAtKnown: Boolean(extracted.publishedAt ?? input.feedPublishedAt),
  });
  return { kind: 'article', extracted, publishedAt, events, eventsDropped: all.length - events.length, contentHash: pageTextHash(pageText), pageCanonical, storyProfile };
}

/**
 * The most events one article may add. The 105 benchmark and fixture pages report at most 110
 * (median 14, 95th percentile 45); a page of one sentence repeated over 9 MB reported 11,395,
 * and merging them held the store's transaction, and `/healthz` behind it, for 10 s (about 1 ms
 * an event). Past this the page is a list or a trap, not a report: its first events are kept
 * and the rest dropped with a warning.
 */
export const MAX_EVENTS_PER_ARTICLE = 500;

/**
 * The same event told by the same sentence twice in one article would only merge into itself.
 * Two clauses of one sentence at one date may be two happenings: the merge tells (same-event.ts).
 */
function distinctEvents(events: ExtractedEvent[]): ExtractedEvent[] {
  const seen = new Set<string>();
  return events.filter((event) => {
    const key = `${event.date}\u0000${event.modality}\u0000${event.sentence}\u0000${event.summary}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** The in-process Analyze (library use, tests, `chronicle` run from the TypeScript sources). */
export const analyzeInProcess: Analyze = async (input) => analyzeArticle(input);

function refuseDeepPage(html: string): void {
  if (htmlNestingDepth(html, MAX_HTML_DEPTH) > MAX_HTML_DEPTH) {
    throw new ExtractionError('TOO_DEEP', `the page nests elements more than ${MAX_HTML_DEPTH} deep; refused before parsing`);
  }
}

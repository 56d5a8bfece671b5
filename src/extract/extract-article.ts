import { parseHTML } from 'linkedom';
import { ExtractionError } from '../errors.js';
import { descendants } from './dom-utils.js';
import { densityPick, widerArticle } from './density-fallback.js';
import { dropNonContent } from './drop-non-content.js';
import { readMetadata, type ArticleMetadata } from './metadata.js';
import { recoverParagraphs } from './recover-paragraphs.js';
import { pruneHtml, type PruneLimits } from './prune-html.js';
import { defaultPreCleanOptions, preClean, type PreCleanOptions } from './pre-clean.js';
import { filterResidue } from './residue-filter.js';
import { runReadability } from './run-readability.js';
import { toBlocks, type TextBlock } from './text-blocks.js';
import { joinSiblingBoxes } from './sibling-boxes.js';
import { sniffDocument } from './sniff-document.js';
import { standfirst } from './standfirst.js';
import { chars, untunedArticle } from './safety-net.js';

export interface ExtractOptions {
  /** The page's URL, for relative links, URL dates and canonical. */
  url?: string;
  /** Handed the page's text as the one pass over the markup reads it (see pruneHtml). */
  onPageText?: (text: string) => void;
}

export interface ExtractedArticle extends ArticleMetadata {
  url: string | null;
  /** Main text, paragraphs separated by "\n\n". */
  text: string;
}

/** The knobs of the stage, each with where its value came from. */
interface StageSettings {
  prune: PruneLimits;
  preClean: PreCleanOptions;
  /** Readability's own default (500 characters) for an article worth keeping. */
  readabilityCharThreshold: number;
  readabilityMaxElements: number;
  /** Below this many characters Readability "returned too little" and the fallback is tried. */
  minReadabilityChars: number;
  /** The density pick replaces Readability's when it holds its text and this many times more. */
  widenRatio: number;
  /** Below `below` characters the untuned path is tried; it wins when `ratio` times longer. */
  safetyNet: { below: number; ratio: number };
  /** Below this many characters of final text the page has no article. */
  minArticleChars: number;
}

const SETTINGS: StageSettings = {
  // Real pages nest 30–60 deep (the benchmark's deepest is under 100); past 200 the nesting is
  // machine-made, and Readability's ancestor walks grow with depth.
  // 400 KB of pruned markup holds any article (the 93 benchmark pages prune to 145 KB at most)
  // and keeps linkedom near 0.2 s on the worst markup (a 20 MB page must finish within 2 s).
  prune: { maxDepth: 200, maxChars: 400_000 },
  // The benchmark pages hold at most ~1,500 elements once pruned; past 8,000 Readability's
  // scoring passes cost seconds, and the linear density pick (step 4) takes over.
  readabilityMaxElements: 8_000,
  preClean: defaultPreCleanOptions,
  readabilityCharThreshold: 500,
  // Short news items in the benchmark run to ~350 characters; under 200 Readability has
  // usually kept a caption or a teaser, not the article.
  minReadabilityChars: 200,
  // A line or two of text is a stub, an error page or a listing, not an article.
  minArticleChars: 80,
  // The same 200 characters under which Readability "returned too little": tried at 500
  // (Readability's own threshold), the net replaced short blog posts that were right with the
  // posts and their comments (article benchmark F1 0.9873 → 0.9772, web 0.9206 → 0.9189).
  // "Far more" is twice as much.
  safetyNet: { below: 200, ratio: 2 },
  // Tried 1.3, 1.5, 2 on both corpora: 1.3 takes teaser boxes on the article benchmark, 2 misses
  // articles split in two.
  widenRatio: 1.5,
};

/** The pass's limits, for reading a page's text as extraction reads it (page-text.ts). */
export const PRUNE_LIMITS: PruneLimits = SETTINGS.prune;

/**
 * The extraction stage: HTML in, the article's metadata and main text out. Pure and synchronous.
 * Throws ExtractionError when there is no article (empty, binary, JSON, PDF, no main text).
 */
export function extractArticle(html: string, options: ExtractOptions = {}): ExtractedArticle {
  // 0. Refuse what is not HTML before paying for a parse.
  sniffDocument(html);

  // 1. Parse once: htmlparser2's tokenizer streams the page into a smaller one (no scripts,
  //    styles, media, comments; bounded depth and size), which linkedom turns into a DOM.
  const pruned = pruneHtml(html, SETTINGS.prune, options.onPageText);
  const { document } = parseHTML(pruned);

  // 7 (read first). Metadata comes from the untouched parse: the steps below remove the JSON-LD
  //    scripts, meta tags and bylines that carry it.
  const metadata = readMetadata(document as unknown as Document, options.url);

  const body = document.body ?? document.documentElement;
  if (!body) throw new ExtractionError('NO_ARTICLE', 'the document has no body');

  // 1 (continued). Drop what can never be article text: scripts, styles, forms, hidden elements…
  dropNonContent(body);

  // 2. Structural pre-clean: navigation, asides, share bars, related lists, ads, consent boxes.
  preClean(body, SETTINGS.preClean);

  // 3. Readability on the cleaned DOM (a copy is kept: Readability rewrites what it reads).
  //    Past its element budget Readability is not run, and the copy is not made either: linkedom
  //    clones a 400 KB tree of tiny elements in 0.4–1.8 s, most of a 20 MB page's 2 s budget.
  const tooBig = descendants(body).length > SETTINGS.readabilityMaxElements;
  const cleaned = tooBig ? body : (body.cloneNode(true) as Element);
  const readable = tooBig
    ? { content: null, byline: null, aborted: true }
    : runReadability(document as unknown as Document, SETTINGS.readabilityCharThreshold, SETTINGS.readabilityMaxElements);
  let blocks: TextBlock[] = readable.content ? toBlocks(readable.content) : [];

  if (length(blocks) < SETTINGS.minReadabilityChars) {
    // 4. Fallback when Readability returned too little: a density-based pick of the main block,
    //    on the copy taken before Readability rewrote the document.
    const fallback = densityBlocks(readable.aborted ? body : cleaned);
    if (length(fallback) > length(blocks)) blocks = fallback;
  } else {
    // 4b. Paragraphs of the article's own container that Readability left out go back in.
    blocks = recoverParagraphs(cleaned, blocks);
    // 4c. Readability kept one of several sibling containers of the article: the density pick
    //     holds what it kept and much more prose besides.
    const dense = densityBlocks(cleaned);
    if (widerArticle(blocks, dense, SETTINGS.widenRatio)) blocks = dense;
    // 4d. The body split into sibling boxes: the boxes beside the kept one that read as more of it.
    const joined = joinSiblingBoxes(cleaned, blocks);
    // 4e. The standfirst set apart from the body, between the headline and the body's start.
    blocks = joined.first ? standfirst(cleaned, joined.first, joined.blocks) : joined.blocks;
  }

  // 5. Text-level pass: residue that survives inside the body (donation asks, credits, "Related…").
  // 6. Headings, lists, tables and quotes were kept as blocks of their own, in reading order.
  let kept = filterResidue(blocks, { title: metadata.title });

  // 5b. Never worse than the fallback: when the tuned path kept little, bare Readability (or the
  //     density pick) on the page without pre-clean; its answer wins when it holds far more.
  if (chars(kept) < SETTINGS.safetyNet.below) {
    const untuned = filterResidue(
      untunedArticle(pruned, SETTINGS.readabilityCharThreshold, SETTINGS.readabilityMaxElements),
      { title: metadata.title },
    );
    if (chars(untuned) > SETTINGS.safetyNet.ratio * chars(kept)) kept = untuned;
  }

  const text = kept.map((b) => b.text).join('\n\n');
  if (text.length < SETTINGS.minArticleChars) {
    throw new ExtractionError('NO_ARTICLE', `no main text found (${text.length} characters)`);
  }

  return {
    url: options.url ?? metadata.canonicalUrl,
    canonicalUrl: metadata.canonicalUrl,
    title: metadata.title,
    byline: metadata.byline ?? readable.byline,
    siteName: metadata.siteName,
    lang: metadata.lang,
    publishedAt: metadata.publishedAt,
    publishedAtSource: metadata.publishedAtSource,
    modifiedAt: metadata.modifiedAt,
    text,
  };
}

function densityBlocks(body: Element | null): TextBlock[] {
  const main = body && densityPick(body);
  return main ? toBlocks(main) : [];
}

const length = chars;

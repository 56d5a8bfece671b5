import { createHash } from 'node:crypto';
import { dropComments, dropRawTextElements, dropTags } from './strip-markup.js';

/**
 * A stable fingerprint of an article's text, so that the store can tell "same URL, new content"
 * (a new revision) from "same URL, same content" (a duplicate). Normalisation removes what
 * changes without the story changing: Unicode forms (NFKC), typographic quotes and dashes,
 * invisible characters, and whitespace runs.
 */
export function normalizeForHash(text: string): string {
  return text
    .normalize('NFKC')
    .replace(/[\u200B-\u200D\u2060\uFEFF\u00AD]/g, '') // zero-width characters and soft hyphens
    .replace(/[\u2018\u2019\u201A\u201B\u2032]/g, "'")
    .replace(/[\u201C\u201D\u201E\u201F\u2033]/g, '"')
    .replace(/[\u2010-\u2015\u2212]/g, '-')
    .replace(/\s+/g, ' ')
    .trim();
}

/** `sha256:` + hex digest of the normalised text. */
export function contentHash(text: string): string {
  return `sha256:${createHash('sha256').update(normalizeForHash(text), 'utf8').digest('hex')}`;
}

/**
 * A page's revision hash, as the store keeps it: `text-sha256:` + hex digest of the normalised
 * text of the pieces extraction's one pass over the markup reads (extract-article.ts
 * `onPageText`; outside scripts, styles, comments, navigation and footers, within its size cap).
 * The process stage computes it in the parse it makes anyway; before, the fetch stage read
 * every page a second time for it (pageTextForHash, ~2.3 ms a page beside the ~24 ms of the
 * whole analysis). Pieces are joined with nothing: where a piece ends depends on how the pass
 * was fed, not on the text.
 */
export const PAGE_TEXT_HASH_PREFIX = 'text-sha256:';

export function pageTextHash(pieces: readonly string[]): string {
  return `${PAGE_TEXT_HASH_PREFIX}${createHash('sha256').update(normalizeForHash(pieces.join('')), 'utf8').digest('hex')}`;
}

/**
 * The earlier revision-hash scheme (`sha256:` + contentHash of this), kept to compare a refetch
 * with a revision stored under it (fetch-article.ts). The text a reader sees on a page: comments, scripts, styles, templates and
 * every tag and attribute are dropped. A page re-rendered with a new nonce, a cache-busting
 * query in a <link>, or a new timestamp in an inline script is then no new revision; a changed
 * paragraph is. No parse just to hash: the linear passes of strip-markup.ts, which give exactly
 * what the regular expressions used here before gave, so stored hashes stay valid (those were
 * quadratic: a 9 MB page of `<` would have taken hours on the fetch stage's event loop).
 */
export function pageTextForHash(html: string): string {
  const text = dropTags(dropRawTextElements(dropComments(html)));
  return text.length > MAX_HASHED_CHARS ? text.slice(0, MAX_HASHED_CHARS) : text;
}

/**
 * Only the first 2 million characters of a page's text are hashed. The 105 benchmark and
 * fixture pages hold at most a few hundred thousand; normalising 9 MB of text took 0.6 s on
 * the fetch stage's event loop. A page that changes only past that point is no new revision.
 */
export const MAX_HASHED_CHARS = 2_000_000;

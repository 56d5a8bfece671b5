import { createHash } from 'node:crypto';

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
 * The text a reader sees on a page, for hashing it: comments, scripts, styles, templates and
 * every tag and attribute are dropped. A page re-rendered with a new nonce, a cache-busting
 * query in a <link>, or a new timestamp in an inline script is then no new revision; a changed
 * paragraph is. (Regular expressions, linear in the page: no parse just to hash.)
 */
export function pageTextForHash(html: string): string {
  return html
    .replace(/<!--[\s\S]*?-->/g, ' ')
    .replace(/<(script|style|noscript|template)\b[^>]*>[\s\S]*?<\/\1\s*>/gi, ' ')
    .replace(/<[^>]*>/g, ' ');
}

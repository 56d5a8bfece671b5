import { PRUNE_LIMITS } from './extract-article.js';
import { pruneHtml } from './prune-html.js';

/**
 * A page's text as extraction's one pass over the markup reads it (the pieces its `onPageText`
 * gets), without the rest of extraction: for the fetch stage, which compares a refetched page
 * with the revision the process stage hashed from that same pass.
 */
export function readPageText(html: string): string[] {
  const pieces: string[] = [];
  pruneHtml(html, PRUNE_LIMITS, (text) => pieces.push(text));
  return pieces;
}

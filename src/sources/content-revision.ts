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
 * paragraph is. No parse just to hash: three passes of `indexOf`, linear in the page. (They give
 * exactly what `/<!--[\s\S]*?-->/g`, `/<(script|style|noscript|template)\b[^>]*>[\s\S]*?<\/\1\s*>/gi`
 * and `/<[^>]*>/g` replaced by a space gave, so stored hashes stay valid; those regular
 * expressions were quadratic on an unclosed `<`, `<!--` or `<script>` repeated: 80 KB of `<`
 * took 5 s, and a 9 MB page hours, on the fetch stage's event loop.)
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

function dropComments(html: string): string {
  const out: string[] = [];
  let position = 0;
  for (;;) {
    const start = html.indexOf('<!--', position);
    const end = start < 0 ? -1 : html.indexOf('-->', start + 4);
    // No "-->" after this "<!--" means none after any later one either: nothing more to drop.
    if (end < 0) break;
    out.push(html.slice(position, start), ' ');
    position = end + 3;
  }
  out.push(html.slice(position));
  return out.join('');
}

const RAW_TEXT_OPENING = /<(script|style|noscript|template)\b/gi;

/** `<script …>…</script>` and its kin, each up to its own closing tag (any case, spaces before `>`). */
function dropRawTextElements(html: string): string {
  const out: string[] = [];
  const unclosed = new Set<string>(); // names with no closing tag left after the last search
  let position = 0;
  RAW_TEXT_OPENING.lastIndex = 0;
  for (let opening = RAW_TEXT_OPENING.exec(html); opening; opening = RAW_TEXT_OPENING.exec(html)) {
    const name = opening[1].toLowerCase();
    const tagEnd = html.indexOf('>', opening.index);
    if (tagEnd < 0) break; // no ">" left: no later element can open either
    if (unclosed.has(name)) continue;
    const closing = new RegExp(`</${name}\\s*>`, 'gi');
    closing.lastIndex = tagEnd + 1;
    const match = closing.exec(html);
    if (!match) {
      unclosed.add(name);
      continue;
    }
    out.push(html.slice(position, opening.index), ' ');
    position = match.index + match[0].length;
    RAW_TEXT_OPENING.lastIndex = position;
  }
  out.push(html.slice(position));
  return out.join('');
}

function dropTags(html: string): string {
  const out: string[] = [];
  let position = 0;
  for (;;) {
    const start = html.indexOf('<', position);
    const end = start < 0 ? -1 : html.indexOf('>', start);
    if (end < 0) break;
    out.push(html.slice(position, start), ' ');
    position = end + 1;
  }
  out.push(html.slice(position));
  return out.join('');
}

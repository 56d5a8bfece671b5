/**
 * Linear passes that blank out parts of a page (each replaced by one space), with `indexOf`
 * rather than regular expressions: the equivalent expressions were quadratic on an unclosed
 * `<`, `<!--` or `<script>` repeated (80 KB of `<` took 5 s). They give exactly what
 * `/<!--[\s\S]*?-->/g`, `/<(script|style|noscript|template)\b[^>]*>[\s\S]*?<\/\1\s*>/gi` and
 * `/<[^>]*>/g` would.
 */

/** `<!-- … -->` comments. */
export function dropComments(html: string): string {
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

/** The opening of an element whose content is not page text. */
const RAW_TEXT_OPENING = /<(script|style|noscript|template)\b/gi;

/** `<script …>…</script>` and its kin, each up to its own closing tag (any case, spaces before `>`). */
export function dropRawTextElements(html: string): string {
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

/** Every tag, with its attributes. */
export function dropTags(html: string): string {
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

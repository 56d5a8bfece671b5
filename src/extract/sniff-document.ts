import { ExtractionError } from '../errors.js';

/**
 * Step 0 of extraction: refuse what is not an HTML page before spending a parse on it.
 * Binary data (PDF, images, archives) shows NUL bytes or a high share of control characters;
 * JSON and plain text have no tags at all.
 */
export function sniffDocument(html: string): void {
  const head = html.slice(0, 4096);
  if (html.trim().length === 0) throw new ExtractionError('EMPTY_DOCUMENT', 'the document is empty');
  if (head.startsWith('%PDF-')) throw new ExtractionError('NOT_HTML', 'the document is a PDF, not HTML');
  if (controlShare(head) > 0.05) throw new ExtractionError('NOT_HTML', 'the document is binary, not HTML');
  const start = head.replace(/^\uFEFF/, '').trimStart();
  // An HTML page never opens with a brace or bracket; JSON (an API answer) always does.
  if (/^[[{]/.test(start) && /[\]}]\s*$/.test(html.slice(-256))) {
    throw new ExtractionError('NOT_HTML', 'the document is JSON, not HTML');
  }
  if (!/<(!doctype|html|head|body|p|div|article|main|title|meta|br|span|h[1-6]|section|table)\b/i.test(html.slice(0, 200_000))) {
    throw new ExtractionError('NOT_HTML', 'the document has no HTML markup');
  }
}

/** Share of C0 control characters other than tab, newline, carriage return and form feed. */
function controlShare(text: string): number {
  if (text.length === 0) return 0;
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 32 && c !== 9 && c !== 10 && c !== 13 && c !== 12) n++;
  }
  return n / text.length;
}

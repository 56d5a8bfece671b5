import { describe, expect, it } from 'vitest';
import { ExtractionError } from '../../src/errors.js';
import { extractArticle } from '../../src/extract/extract-article.js';

/** Every bad input gives a result or an ExtractionError (a clear reason), within 2 s. */
const LIMIT_MS = 2000;

function outcome(html: string): { ok: boolean; code?: string; ms: number } {
  const start = performance.now();
  try {
    extractArticle(html);
    return { ok: true, ms: performance.now() - start };
  } catch (error) {
    const ms = performance.now() - start;
    if (!(error instanceof ExtractionError)) throw error;
    return { ok: false, code: error.code, ms };
  }
}

const paragraph =
  '<p>The talks in Geneva went on through Monday, officials said, as both delegations worked on a refined framework for peace and a date for the next round of meetings.</p>';

describe('bad input', () => {
  it('empty file: EMPTY_DOCUMENT', () => {
    expect(outcome('')).toMatchObject({ ok: false, code: 'EMPTY_DOCUMENT' });
    expect(outcome('   \n\t ')).toMatchObject({ ok: false, code: 'EMPTY_DOCUMENT' });
  });

  it('binary bytes: NOT_HTML', () => {
    const bytes = Uint8Array.from({ length: 4096 }, (_, i) => (i * 7919) % 256);
    const text = new TextDecoder('utf-8').decode(bytes);
    expect(outcome(text)).toMatchObject({ ok: false, code: 'NOT_HTML' });
  });

  it('PDF bytes: NOT_HTML', () => {
    expect(outcome('%PDF-1.7\n%\u00e2\u00e3\u00cf\u00d3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n')).toMatchObject({
      ok: false,
      code: 'NOT_HTML',
    });
  });

  it('JSON: NOT_HTML', () => {
    expect(outcome('{"title": "Ukraine talks", "body": "<p>not a page</p>"}')).toMatchObject({ ok: false, code: 'NOT_HTML' });
    expect(outcome('[1, 2, 3]')).toMatchObject({ ok: false, code: 'NOT_HTML' });
  });

  it('plain text without markup: NOT_HTML', () => {
    expect(outcome('Just some words, no tags at all.')).toMatchObject({ ok: false, code: 'NOT_HTML' });
  });

  it('a page with no article: NO_ARTICLE', () => {
    const html = `<html><body><nav><a href="/">Home</a> <a href="/news">News</a></nav><footer>© 2025</footer></body></html>`;
    expect(outcome(html)).toMatchObject({ ok: false, code: 'NO_ARTICLE' });
  });

  it('invalid UTF-8 (decoded with replacement) still extracts', () => {
    const bytes = new TextEncoder().encode(`<html><body><article>${paragraph.repeat(4)}</article></body></html>`);
    const broken = new Uint8Array([...bytes.slice(0, 40), 0xff, 0xfe, 0xc3, ...bytes.slice(40)]);
    const html = new TextDecoder('utf-8', { fatal: false }).decode(broken);
    const r = outcome(html);
    expect(r.ok).toBe(true);
    expect(r.ms).toBeLessThan(LIMIT_MS);
  });

  it('a fragment without <html> or <body> still extracts', () => {
    expect(extractArticle(paragraph.repeat(3)).text).toContain('refined framework for peace');
    expect(extractArticle(`<html><head><title>t</title></head>${paragraph.repeat(3)}</html>`).text).toContain('Geneva');
  });

  it('a page of scripts only: NO_ARTICLE', () => {
    expect(outcome(`<html><body><script>${'x'.repeat(100_000)}</script></body></html>`)).toMatchObject({ ok: false, code: 'NO_ARTICLE' });
  });

  it('a 20 MB page finishes within 2 s', () => {
    const filler = '<div class="row"><span>cell</span><a href="/x">link</a></div>\n';
    const parts = [`<html><head><title>Big</title></head><body><article>${paragraph.repeat(20)}</article>`];
    let size = parts[0].length;
    while (size < 20_000_000) {
      parts.push(filler);
      size += filler.length;
    }
    parts.push('</body></html>');
    const r = outcome(parts.join(''));
    expect(r.ms).toBeLessThan(LIMIT_MS);
  });

  it('10,000 nested elements finish within 2 s', () => {
    const depth = 10_000;
    const html = `<html><body>${'<div>'.repeat(depth)}${paragraph.repeat(5)}${'</div>'.repeat(depth)}</body></html>`;
    const r = outcome(html);
    expect(r.ms).toBeLessThan(LIMIT_MS);
  });
});

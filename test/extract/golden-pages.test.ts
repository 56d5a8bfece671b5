import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { extractArticle } from '../../src/extract/extract-article.js';

/**
 * Golden fixtures: test/fixtures/pages/<slug>/{page.html, expected.json}. Text is compared on
 * words only (letters and digits), so that table cell separators and spacing do not matter.
 */
interface Expected {
  url: string;
  title?: string;
  publishedAt?: string | null;
  publishedAtSource?: string | null;
  paragraphs: string[];
  residue: string[];
}

const pagesDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../fixtures/pages');
const words = (s: string) => ` ${(s.match(/[\p{L}\p{N}]+/gu) ?? []).join(' ')} `;

describe('golden pages', () => {
  for (const slug of readdirSync(pagesDir).sort()) {
    const dir = path.join(pagesDir, slug);
    const expected = JSON.parse(readFileSync(path.join(dir, 'expected.json'), 'utf8')) as Expected;
    const html = readFileSync(path.join(dir, 'page.html'), 'utf8');

    describe(slug, () => {
      const article = extractArticle(html, { url: expected.url });
      const text = words(article.text);

      it('keeps every article paragraph', () => {
        const missing = expected.paragraphs.filter((p) => !text.includes(words(p)));
        expect(missing).toEqual([]);
      });

      it('leaves none of the residue', () => {
        const left = expected.residue.filter((r) => text.includes(words(r)));
        expect(left).toEqual([]);
      });

      it('reads the publication date when served from another address (canonical URL kept)', () => {
        const served = extractArticle(html, { url: `http://127.0.0.1:8080/${slug}/page.html` });
        if (expected.publishedAt !== undefined && html.includes('rel="canonical"')) {
          expect(served.publishedAt).toBe(expected.publishedAt);
        }
      });

      it('reads title and publication date', () => {
        if (expected.title !== undefined) expect(article.title).toBe(expected.title);
        if (expected.publishedAt !== undefined) expect(article.publishedAt).toBe(expected.publishedAt);
        if (expected.publishedAtSource !== undefined) expect(article.publishedAtSource).toBe(expected.publishedAtSource);
      });

      it('separates paragraphs by a blank line', () => {
        expect(article.text).not.toMatch(/\n{3,}/);
        expect(article.text.split('\n\n').length).toBeGreaterThan(1);
      });
    });
  }
});

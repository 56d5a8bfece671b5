import { describe, expect, it } from 'vitest';
import { ExtractionError } from '../../src/errors.js';
import { extractArticle } from '../../src/extract/extract-article.js';

const page = (headline: string, body: string[]) =>
  `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${headline}</title></head>` +
  `<body><article><h1>${headline}</h1>${body.map((p) => `<p>${p}</p>`).join('')}</article></body></html>`;

const BRIEF =
  'Wladimir Klitschko defended his heavyweight crown with ease after stopping Hasim Rahman in the seventh round of their contest in Mannheim.';

describe('a brief of one sentence that is its own headline', () => {
  it('keeps the sentence as the text when the body holds nothing else', () => {
    const article = extractArticle(page(BRIEF, [BRIEF]));
    expect(article.title).toBe(BRIEF);
    expect(article.text).toBe(BRIEF);
  });

  it('still drops the repeated headline when the body has text of its own', () => {
    const more = 'The champion said afterwards that he had expected a longer fight and praised his opponent for a brave effort over six rounds.';
    const article = extractArticle(page(BRIEF, [BRIEF, more]));
    expect(article.text).toBe(more);
  });

  it('refuses a page whose body only repeats a headline that is no sentence', () => {
    const headline = 'Klitschko stops Rahman in the seventh round to keep his heavyweight titles in Mannheim, Germany';
    expect(() => extractArticle(page(headline, [headline]))).toThrow(ExtractionError);
  });
});

import { describe, expect, it } from 'vitest';
import { contentHash } from '../../src/sources/content-revision.js';
import { pageTextForHash } from '../../src/sources/content-revision.js';

describe('contentHash', () => {
  it('ignores whitespace, typographic quotes and invisible characters', () => {
    expect(contentHash('He said “yes”  —\n\n today.')).toBe(contentHash("He said \"yes\" - today.\u200B"));
  });

  it('changes when the words change', () => {
    expect(contentHash('Talks resume on Thursday.')).not.toBe(contentHash('Talks resume on Friday.'));
    expect(contentHash('x')).toMatch(/^sha256:[0-9a-f]{64}$/);
  });

  it('hashes what a reader sees: markup noise is no new revision, a changed paragraph is', () => {
    const page = (nonce: string, paragraph: string) =>
      `<html><head><script nonce="${nonce}">window.t=${nonce}</script><link href="/a.css?v=${nonce}"><!-- ${nonce} --></head>` +
      `<body><p class="x${nonce}">${paragraph}</p></body></html>`;
    const hash = (html: string) => contentHash(pageTextForHash(html));
    expect(hash(page('111', 'Talks resumed on Monday.'))).toBe(hash(page('222', 'Talks resumed on Monday.')));
    expect(hash(page('111', 'Talks resumed on Monday.'))).not.toBe(hash(page('111', 'Talks collapsed on Monday.')));
  });
});

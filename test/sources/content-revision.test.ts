import { describe, expect, it } from 'vitest';
import { contentHash } from '../../src/sources/content-revision.js';

describe('contentHash', () => {
  it('ignores whitespace, typographic quotes and invisible characters', () => {
    expect(contentHash('He said “yes”  —\n\n today.')).toBe(contentHash("He said \"yes\" - today.\u200B"));
  });

  it('changes when the words change', () => {
    expect(contentHash('Talks resume on Thursday.')).not.toBe(contentHash('Talks resume on Friday.'));
    expect(contentHash('x')).toMatch(/^sha256:[0-9a-f]{64}$/);
  });
});

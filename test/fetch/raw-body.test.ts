import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { compressRaw, decompressRaw } from '../../src/fetch/raw-body.js';

describe('raw body storage', () => {
  it('round-trips and shrinks HTML', () => {
    const html = Buffer.from('<html><body>' + '<p>Talks in Geneva continue on Thursday.</p>'.repeat(500) + '</body></html>');
    const stored = compressRaw(html);
    expect(stored.length).toBeLessThan(html.length / 10);
    expect(decompressRaw(stored).equals(html)).toBe(true);
  });

  it('reads rows written at a higher brotli quality (earlier versions kept quality 5)', () => {
    const html = Buffer.from('<p>Officials met on Sunday.</p>'.repeat(200));
    const older = brotliCompressSync(html, { params: { [constants.BROTLI_PARAM_QUALITY]: 5 } });
    expect(decompressRaw(older).equals(html)).toBe(true);
  });

  it('reads gzip too', () => {
    expect(decompressRaw(gzipSync(Buffer.from('abc'))).toString()).toBe('abc');
  });

  it('round-trips an empty body', () => {
    expect(decompressRaw(compressRaw(Buffer.alloc(0))).length).toBe(0);
  });
});

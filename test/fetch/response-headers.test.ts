import { describe, expect, it } from 'vitest';
import { MAX_RETRY_AFTER_MS, contentTypeVerdict, parseCacheMaxAge, parseRetryAfter } from '../../src/fetch/response-headers.js';

describe('parseRetryAfter', () => {
  const now = Date.parse('2025-11-20T10:00:00Z');
  it('reads seconds and HTTP dates, caps absurd values', () => {
    expect(parseRetryAfter('3', now)).toBe(3000);
    expect(parseRetryAfter('Thu, 20 Nov 2025 10:00:30 GMT', now)).toBe(30_000);
    expect(parseRetryAfter('Thu, 20 Nov 2025 09:00:00 GMT', now)).toBe(0);
    expect(parseRetryAfter('99999999', now)).toBe(MAX_RETRY_AFTER_MS);
    expect(parseRetryAfter('soon', now)).toBeNull();
    expect(parseRetryAfter(null, now)).toBeNull();
  });
});

describe('parseCacheMaxAge', () => {
  it('reads max-age unless caching is refused', () => {
    expect(parseCacheMaxAge('public, max-age=300')).toBe(300_000);
    expect(parseCacheMaxAge('no-cache, max-age=300')).toBeNull();
    expect(parseCacheMaxAge('private')).toBeNull();
    expect(parseCacheMaxAge(undefined)).toBeNull();
  });
});

describe('contentTypeVerdict', () => {
  it('accepts documents, sniffs unlabelled bodies, unpacks gzip files, rejects media', () => {
    expect(contentTypeVerdict('text/html; charset=utf-8')).toBe('text');
    expect(contentTypeVerdict('application/rss+xml')).toBe('text');
    expect(contentTypeVerdict('application/vnd.custom+json')).toBe('text');
    expect(contentTypeVerdict(null)).toBe('sniff');
    expect(contentTypeVerdict('application/octet-stream')).toBe('sniff');
    expect(contentTypeVerdict('application/x-gzip')).toBe('gzip-file');
    expect(contentTypeVerdict('image/jpeg')).toBe('reject');
    expect(contentTypeVerdict('application/pdf')).toBe('reject');
  });
});

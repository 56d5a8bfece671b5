/** Reading the response headers that steer fetching. Pure. */

/**
 * Retry-After (RFC 9110 §10.2.3): delay-seconds or an HTTP-date. Capped at 6 hours, the same
 * ceiling as the poll backoff: a value in milliseconds by mistake must not silence a host for weeks.
 */
export const MAX_RETRY_AFTER_MS = 6 * 3_600_000;

export function parseRetryAfter(value: string | null | undefined, now: number = Date.now()): number | null {
  if (!value) return null;
  const text = value.trim();
  if (/^\d+$/.test(text)) return Math.min(Number(text) * 1000, MAX_RETRY_AFTER_MS);
  const date = Date.parse(text);
  if (Number.isNaN(date)) return null;
  return Math.min(Math.max(date - now, 0), MAX_RETRY_AFTER_MS);
}

/** Cache-Control max-age (RFC 9111 §5.2.2.1) in ms; null when absent or when caching is refused. */
export function parseCacheMaxAge(value: string | null | undefined): number | null {
  if (!value) return null;
  const directives = value.toLowerCase().split(',').map((part) => part.trim());
  if (directives.some((directive) => directive === 'no-store' || directive === 'no-cache')) return null;
  const maxAge = directives.map((directive) => /^max-age\s*=\s*"?(\d+)"?$/.exec(directive)).find(Boolean);
  return maxAge ? Number(maxAge[1]) * 1000 : null;
}

/** `text/html; charset=utf-8` → `text/html`. */
export function mediaType(contentType: string | null): string | null {
  const type = contentType?.split(';')[0].trim().toLowerCase();
  return type || null;
}

const TEXT_TYPES = new Set([
  'application/xhtml+xml', 'application/xml', 'application/json', 'application/rss+xml', 'application/atom+xml', 'application/rdf+xml',
  'application/feed+json', 'application/ld+json', 'application/x-rss+xml', 'application/news+xml',
]);

/** Types whose body must be looked at before deciding (servers label feeds and sitemaps with these too). */
const SNIFF_TYPES = new Set(['application/octet-stream', 'binary/octet-stream', 'application/x-download', 'application/force-download']);

/** Sitemaps are often served as `.xml.gz` files: gzip as the content, not as a transfer coding. */
export const GZIP_FILE_TYPES = new Set(['application/gzip', 'application/x-gzip', 'application/gzip-compressed', 'application/x-gunzip']);

export type ContentTypeVerdict = 'text' | 'sniff' | 'gzip-file' | 'reject';

/** What to do with a body of this type: we only ever want documents (HTML, XML, JSON, text). */
export function contentTypeVerdict(contentType: string | null): ContentTypeVerdict {
  const type = mediaType(contentType);
  if (type === null || SNIFF_TYPES.has(type)) return 'sniff';
  if (GZIP_FILE_TYPES.has(type)) return 'gzip-file';
  if (type.startsWith('text/') || TEXT_TYPES.has(type) || /^application\/[a-z0-9.-]+\+(xml|json)$/.test(type)) return 'text';
  return 'reject';
}

/** A NUL byte in the first KiB: the test `file` and browsers' sniffing use to call a body binary. */
export function looksBinary(bytes: Buffer): boolean {
  return bytes.subarray(0, 1024).includes(0);
}

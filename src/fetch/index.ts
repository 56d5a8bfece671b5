/** The fetch stage's public surface, for workers/ and the API. */
export { Fetcher, DEFAULT_429_BLOCK_MS, type FetchRequest, type FetchResult, type FetcherDeps } from './fetcher.js';
export { decodeBody, normalizeCharset } from './decode-body.js';
export { compressRaw, decompressRaw } from './raw-body.js';
export { assertPublicUrl, isPrivateAddress, publicOnlyAgent } from './public-url.js';
export { parseRetryAfter, parseCacheMaxAge } from './response-headers.js';
export { rateWindow } from './host-politeness.js';

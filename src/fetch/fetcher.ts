import type { Redis } from 'ioredis';
import type { Logger } from 'pino';
import { Agent, errors as undiciErrors, request, type Dispatcher } from 'undici';
import type { Config } from '../config.js';
import { ChronicleError, PermanentFetchError, TransientFetchError } from '../errors.js';
import { decodeBody } from './decode-body.js';
import { HostPoliteness } from './host-politeness.js';
import { assertPublicUrl, parseHttpUrl, publicOnlyAgent } from './public-url.js';
import { gunzipCapped, readCappedBody, tooLarge } from './read-body.js';
import { contentTypeVerdict, looksBinary, parseCacheMaxAge, parseRetryAfter } from './response-headers.js';
import { RobotsPolicy } from './robots-policy.js';

/**
 * The one way chronicle reads the web. Each call, for the URL and every redirect hop:
 *   1. checks the URL (http/https; public addresses only unless its host is trusted, see
 *      `trustedHosts`: checked here and again at connect time, so a DNS answer that changes in
 *      between (rebinding) is refused too),
 *   2. asks robots.txt (cached per origin; its Crawl-delay joins the host's rate),
 *   3. takes a per-host slot in Redis (concurrency, rate, Retry-After blocks: host-politeness.ts),
 *   4. sends a conditional GET, `timeoutMs` bounding the whole exchange including the body,
 *   5. classifies the status: redirect (followed by hand, loops and chains capped), 304, errors,
 *   6. reads the body through its content coding, capped at `maxBytes`, and decodes its charset.
 *
 * Errors: PermanentFetchError for what retrying will not fix (HTTP_4xx other than 408/429,
 * ROBOTS_DISALLOWED, TOO_MANY_REDIRECTS, TOO_LARGE, UNSUPPORTED_CONTENT_TYPE, BAD_CONTENT_ENCODING,
 * INVALID_URL, PRIVATE_NETWORK; README.md has the full table); TransientFetchError otherwise (HTTP_5xx, HTTP_408, HTTP_429, TIMEOUT,
 * NETWORK, HOST_BLOCKED, HOST_BUSY, ROBOTS_UNAVAILABLE), with `retryAfterMs` when known.
 *
 * Retry-After: a 429 or 503 blocks the host in Redis until the time the server gave (a 429
 * without one blocks it for DEFAULT_429_BLOCK_MS). While blocked, `fetch` does not wait: it
 * throws TransientFetchError('HOST_BLOCKED', { retryAfterMs: time left }) without sending
 * anything, so that a queue worker can park the job (`worker.rateLimit(ms)` or a delay).
 */
export interface FetchRequest {
  url: string;
  etag?: string | null;
  lastModified?: string | null;
  accept?: string;
  /** skip robots.txt (never used for articles) */
  ignoreRobots?: boolean;
  /**
   * Hosts (`URL.host`: name and non-default port) that the operator vouches for in the config
   * file: they may resolve to private addresses. Every other host, on every redirect hop and for
   * robots.txt, must resolve to public addresses only (checked before sending and at connect
   * time), unless the Fetcher was built with `allowPrivateNetworks: true`. Untrusted is the
   * default, so that a caller who forgets to decide cannot open the operator's network.
   */
  trustedHosts?: readonly string[];
}

export interface FetchResult {
  requestedUrl: string;
  /** final URL after redirects */
  url: string;
  status: number;
  notModified: boolean;
  contentType: string | null;
  /** The charset `text` was decoded with (decoding happens on first read of either). */
  readonly charset: string;
  /** decompressed raw bytes */
  body: Buffer;
  /**
   * decoded, on first read: the article fetch stage keeps bytes only (the process stage decodes
   * them in its thread), and decoding a page it never reads cost ~2 ms of its event loop.
   */
  readonly text: string;
  /** On a 304, the validators sent (the server's when it repeated them), so state round-trips. */
  etag: string | null;
  lastModified: string | null;
  retryAfterMs: number | null;
  cacheMaxAgeMs: number | null;
  fetchedAt: string;
  /** Every URL requested, in order, redirects included (optional so that test doubles may omit it). */
  redirects?: string[];
}

export interface FetcherDeps {
  redis: Redis;
  /** e.g. 'chronicle' — all Redis keys under it */
  keyPrefix: string;
  /**
   * `security.allowPrivateNetworks`. Required, so that no Fetcher is built without deciding:
   * false refuses private addresses for every host a request does not trust.
   */
  allowPrivateNetworks: boolean;
  logger?: Logger;
  /** How long to wait for a per-host slot before HOST_BUSY (default 60 s). */
  maxSlotWaitMs?: number;
}

/** A 429 without Retry-After still means "too fast"; half a minute of silence is a polite guess. */
export const DEFAULT_429_BLOCK_MS = 30_000;
const DEFAULT_MAX_SLOT_WAIT_MS = 60_000;
/** A lease outlives its request by this much before another process may take its slot. */
const LEASE_SLACK_MS = 5_000;
const DEFAULT_ACCEPT = 'text/html,application/xhtml+xml,application/xml;q=0.9,application/rss+xml;q=0.9,application/atom+xml;q=0.9,*/*;q=0.8';
const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);

type FetchConfig = Config['fetch'];
type HopResult = Omit<FetchResult, 'requestedUrl' | 'redirects'>;
type Hop = { kind: 'redirect'; location: string } | { kind: 'done'; result: HopResult };

export class Fetcher {
  private readonly politeness: HostPoliteness;
  private readonly robots: RobotsPolicy;
  private readonly agent: Agent;
  private publicAgent: Agent | null = null;

  constructor(
    private readonly config: FetchConfig,
    private readonly deps: FetcherDeps,
  ) {
    this.politeness = new HostPoliteness(deps.redis, deps.keyPrefix, config.perHost);
    this.robots = new RobotsPolicy(deps.redis, deps.keyPrefix, config.userAgent, (url, trustedHosts) => this.fetch({ url, ignoreRobots: true, accept: 'text/plain', trustedHosts }));
    this.agent = new Agent({ connect: { timeout: config.timeoutMs }, headersTimeout: config.timeoutMs, bodyTimeout: config.timeoutMs });
  }

  async fetch(request: FetchRequest): Promise<FetchResult> {
    const visited: string[] = [];
    let url = checkUrl(request.url);
    for (;;) {
      visited.push(url);
      const publicOnly = this.mustBePublic(url, request);
      if (publicOnly) await assertPublicUrl(url);
      const crawlDelayMs = request.ignoreRobots ? 0 : (await this.robots.check(url, request.trustedHosts ?? [])).crawlDelayMs;
      const hop = await this.send(url, request, crawlDelayMs, publicOnly);
      if (hop.kind === 'done') {
        this.deps.logger?.debug({ url: hop.result.url, status: hop.result.status, bytes: hop.result.body.length, redirects: visited.length - 1 }, 'fetched');
        // Assigned, not spread: a spread would read the lazy `text` and decode the body.
        return Object.assign(hop.result, { requestedUrl: request.url, redirects: visited });
      }
      url = this.nextHop(url, hop.location, visited);
    }
  }

  /** Milliseconds until `url`'s host may be sent anything again (a Retry-After block); 0 when free. */
  async blockedFor(url: string): Promise<number> {
    return this.politeness.blockedFor(new URL(url).host);
  }

  async close(): Promise<void> {
    this.robots.clear();
    await Promise.all([this.agent.close(), this.publicAgent?.close()]);
  }

  /** Per hop: a redirect from a trusted host to another host is judged by where it lands. */
  private mustBePublic(url: string, request: FetchRequest): boolean {
    if (this.deps.allowPrivateNetworks) return false;
    return !(request.trustedHosts ?? []).includes(new URL(url).host);
  }

  /** Redirects are followed by hand so that each hop passes robots, politeness and the public check. */
  private nextHop(from: string, location: string, visited: string[]): string {
    let next: string;
    try {
      next = checkUrl(new URL(location, from).toString());
    } catch {
      throw new PermanentFetchError('INVALID_REDIRECT', `${from} redirects to an unusable location: ${location}`);
    }
    if (visited.includes(next)) throw new PermanentFetchError('TOO_MANY_REDIRECTS', `redirect loop: ${[...visited, next].join(' → ')}`);
    if (visited.length > this.config.maxRedirects) {
      throw new PermanentFetchError('TOO_MANY_REDIRECTS', `more than ${this.config.maxRedirects} redirects from ${visited[0]}`);
    }
    return next;
  }

  private async send(url: string, request: FetchRequest, crawlDelayMs: number, publicOnly: boolean): Promise<Hop> {
    const host = new URL(url).host;
    const lease = await this.politeness.acquire(host, {
      crawlDelayMs,
      leaseMs: this.config.timeoutMs + LEASE_SLACK_MS,
      maxWaitMs: this.deps.maxSlotWaitMs ?? DEFAULT_MAX_SLOT_WAIT_MS,
    });
    const controller = new AbortController();
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      controller.abort();
    }, this.config.timeoutMs);
    try {
      const response = await request_(url, this.requestHeaders(request), controller.signal, publicOnly ? this.getPublicAgent() : this.agent);
      return await this.handle(url, host, request, response);
    } catch (error) {
      throw this.classify(error, url, timedOut);
    } finally {
      clearTimeout(timer);
      await lease.release().catch((error: unknown) => this.deps.logger?.warn({ err: error, host }, 'could not release host lease'));
    }
  }

  private requestHeaders(request: FetchRequest): Record<string, string> {
    const headers: Record<string, string> = {
      'user-agent': this.config.userAgent,
      accept: request.accept ?? DEFAULT_ACCEPT,
      // Not deflate: servers disagree on whether it means zlib-wrapped or raw (RFC 9110 §8.4.1.2 vs. practice).
      'accept-encoding': 'gzip, br',
    };
    if (request.etag) headers['if-none-match'] = request.etag;
    if (request.lastModified) headers['if-modified-since'] = request.lastModified;
    return headers;
  }

  private async handle(url: string, host: string, request: FetchRequest, response: Dispatcher.ResponseData): Promise<Hop> {
    const status = response.statusCode;
    const header = (name: string): string | null => firstHeader(response.headers[name]);
    const retryAfterMs = parseRetryAfter(header('retry-after'));
    if (REDIRECT_STATUSES.has(status) && header('location')) {
      discard(response.body);
      return { kind: 'redirect', location: header('location')! };
    }
    if (status < 200 || status >= 300) {
      discard(response.body);
      if (status === 304) return { kind: 'done', result: this.notModified(url, request, header, retryAfterMs) };
      throw await this.statusError(url, host, status, retryAfterMs);
    }
    const contentType = header('content-type');
    const verdict = contentTypeVerdict(contentType);
    if (verdict === 'reject') {
      discard(response.body);
      throw new PermanentFetchError('UNSUPPORTED_CONTENT_TYPE', `${url} is ${contentType}, not a document`);
    }
    const declaredLength = Number(header('content-length'));
    if (Number.isFinite(declaredLength) && declaredLength > this.config.maxBytes) {
      discard(response.body);
      throw tooLarge(this.config.maxBytes);
    }
    let body = await readCappedBody(response.body, header('content-encoding'), this.config.maxBytes);
    if (verdict === 'gzip-file' || (verdict === 'sniff' && body[0] === 0x1f && body[1] === 0x8b)) body = await gunzipCapped(body, this.config.maxBytes);
    if (verdict !== 'text' && looksBinary(body)) throw new PermanentFetchError('UNSUPPORTED_CONTENT_TYPE', `${url} is binary (${contentType ?? 'no Content-Type'})`);
    const decoded = lazyDecoded(body, verdict === 'gzip-file' ? null : contentType);
    return {
      kind: 'done',
      result: {
        url, status, notModified: false, contentType: verdict === 'gzip-file' ? null : contentType, body,
        get text() { return decoded().text; },
        get charset() { return decoded().charset; },
        etag: header('etag'), lastModified: header('last-modified'), retryAfterMs, cacheMaxAgeMs: parseCacheMaxAge(header('cache-control')),
        fetchedAt: new Date().toISOString(),
      },
    };
  }

  private notModified(url: string, request: FetchRequest, header: (name: string) => string | null, retryAfterMs: number | null): HopResult {
    return {
      url, status: 304, notModified: true, contentType: null, charset: 'utf-8', body: Buffer.alloc(0), text: '',
      etag: header('etag') ?? request.etag ?? null, lastModified: header('last-modified') ?? request.lastModified ?? null,
      retryAfterMs, cacheMaxAgeMs: parseCacheMaxAge(header('cache-control')), fetchedAt: new Date().toISOString(),
    };
  }

  /** 429/503 block the host for everyone before the error is thrown, so no process slips in. */
  private async statusError(url: string, host: string, status: number, retryAfterMs: number | null): Promise<ChronicleError> {
    if (status === 429 || (status === 503 && retryAfterMs !== null)) {
      const blockMs = retryAfterMs ?? DEFAULT_429_BLOCK_MS;
      await this.politeness.block(host, blockMs);
      this.deps.logger?.info({ host, status, blockMs }, 'host asked us to slow down; blocked');
      return new TransientFetchError(`HTTP_${status}`, `${url} answered ${status}; ${host} blocked for ${blockMs} ms`, { retryAfterMs: blockMs });
    }
    if (status >= 500 || status === 408) return new TransientFetchError(`HTTP_${status}`, `${url} answered ${status}`, { retryAfterMs: retryAfterMs ?? undefined });
    if (status >= 400) return new PermanentFetchError(`HTTP_${status}`, `${url} answered ${status}`);
    return new PermanentFetchError('UNEXPECTED_STATUS', `${url} answered ${status}`);
  }

  private classify(error: unknown, url: string, timedOut: boolean): ChronicleError {
    if (timedOut) return new TransientFetchError('TIMEOUT', `${url} did not complete within ${this.config.timeoutMs} ms`, { cause: error });
    if (error instanceof ChronicleError) return error;
    const code = (error as { code?: string }).code;
    if (code === 'PRIVATE_NETWORK') return new PermanentFetchError('PRIVATE_NETWORK', (error as Error).message, { cause: error });
    if (error instanceof undiciErrors.UndiciError || error instanceof Error) {
      return new TransientFetchError('NETWORK', `${url}: ${code ? `${code} ` : ''}${(error as Error).message}`, { cause: error });
    }
    return new TransientFetchError('NETWORK', `${url}: ${String(error)}`);
  }

  /** A pool of its own: a connection opened for a trusted host is never reused for an untrusted request. */
  private getPublicAgent(): Agent {
    const timeout = this.config.timeoutMs;
    this.publicAgent ??= publicOnlyAgent({ connectTimeoutMs: timeout, headersTimeout: timeout, bodyTimeout: timeout });
    return this.publicAgent;
  }
}

function request_(url: string, headers: Record<string, string>, signal: AbortSignal, dispatcher: Dispatcher): Promise<Dispatcher.ResponseData> {
  return request(url, { method: 'GET', headers, signal, dispatcher });
}

function checkUrl(url: string): string {
  const parsed = parseHttpUrl(url);
  parsed.hash = ''; // fragments are never sent; dropping them makes loop detection exact
  return parsed.toString();
}

/** Drops a body we will not read; undici reports the destroy as an AbortError nobody needs to hear. */
function discard(body: Dispatcher.ResponseData['body']): void {
  body.on('error', () => {});
  body.destroy();
}

function firstHeader(value: string | string[] | undefined): string | null {
  const first = Array.isArray(value) ? value[0] : value;
  return first === undefined || first === '' ? null : first;
}

/** decodeBody on first call, remembered. */
function lazyDecoded(body: Buffer, contentType: string | null): () => { text: string; charset: string } {
  let decoded: { text: string; charset: string } | null = null;
  return () => (decoded ??= decodeBody(body, contentType));
}

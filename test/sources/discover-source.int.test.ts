import iconv from 'iconv-lite';
import { Redis } from 'ioredis';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { PermanentFetchError, TransientFetchError, isRetryable } from '../../src/errors.js';
import { Fetcher } from '../../src/fetch/fetcher.js';
import { discoverSource } from '../../src/sources/discover-source.js';
import { nextPollDelayMs } from '../../src/sources/poll-backoff.js';
import { EMPTY_POLL_STATE, type SourceDefinition, type SourcePollState } from '../../src/sources/types.js';
import { startTestRedis, type TestRedis } from '../support/redis.js';
import { respond, startMisbehavingServer, type Handler, type TestServer } from '../fetch/support/misbehaving-server.js';
import { manyItemsRss, rss2 } from './support/feed-builders.js';

let testRedis: TestRedis;
let server: TestServer;
let redis: Redis;
let fetcher: Fetcher;

beforeAll(async () => {
  testRedis = await startTestRedis();
});

afterAll(async () => {
  await testRedis.stop();
});

async function setUp(routes: Parameters<typeof startMisbehavingServer>[0]): Promise<void> {
  server = await startMisbehavingServer(routes);
  redis = new Redis(testRedis.url, { maxRetriesPerRequest: 3 });
  fetcher = new Fetcher({ userAgent: 'chronicle-test/1.0', timeoutMs: 3000, maxBytes: 10_000_000, maxRedirects: 5, perHost: { concurrency: 4, rps: 100 } }, { redis, keyPrefix: testRedis.prefix(), allowPrivateNetworks: true });
}

afterEach(async () => {
  await fetcher?.close();
  redis?.disconnect();
  await server?.close();
});

const source = (kind: SourceDefinition['kind'], path: string, extra: Partial<SourceDefinition> = {}): SourceDefinition => ({ id: `test-${kind}`, kind, url: `${server.origin}${path}`, ...extra });

/** A conditional endpoint: 304 when the client presents the current ETag. */
function conditional(body: () => string, contentType: string, etag = '"e1"'): Handler {
  return (request, response) => {
    if (request.headers['if-none-match'] === etag) return void response.writeHead(304, { etag }).end();
    response.writeHead(200, { 'content-type': contentType, etag, 'last-modified': 'Thu, 20 Nov 2025 10:00:00 GMT' }).end(body());
  };
}

describe('discoverSource', () => {
  it('round-trips the conditional GET state: items, then not modified', async () => {
    await setUp({ '/rss': conditional(() => rss2([{ title: 'One', link: 'https://news.example.com/one' }], '<ttl>20</ttl>'), 'application/rss+xml') });
    const first = await discoverSource(source('feed', '/rss'), EMPTY_POLL_STATE, fetcher);
    expect(first.notModified).toBe(false);
    expect(first.items.map((item) => item.canonicalUrl)).toEqual(['https://news.example.com/one']);
    expect(first.state).toEqual({ etag: '"e1"', lastModified: 'Thu, 20 Nov 2025 10:00:00 GMT', minIntervalMs: 20 * 60_000, feedUrl: null });
    const second = await discoverSource(source('feed', '/rss'), first.state, fetcher);
    expect(second).toMatchObject({ notModified: true, items: [], state: { etag: '"e1"', lastModified: 'Thu, 20 Nov 2025 10:00:00 GMT', minIntervalMs: 20 * 60_000 } });
    expect(server.seen('/rss')[1].headers['if-none-match']).toBe('"e1"');
    expect(server.seen('/rss')[1].headers['if-modified-since']).toBe('Thu, 20 Nov 2025 10:00:00 GMT');
  });

  it('autodiscovers the feed of a web page, polls it directly next time, rediscovers when it goes', async () => {
    let feedPath = '/feed.xml';
    await setUp({
      '/': (_request, response) => void response.writeHead(200, { 'content-type': 'text/html' }).end(`<html><head><link rel="alternate" type="application/rss+xml" href="${feedPath}"></head><body>Home</body></html>`),
      '/feed.xml': conditional(() => rss2([{ title: 'A', link: '/a-story' }]), 'application/rss+xml'),
      '/new-feed.xml': conditional(() => rss2([{ title: 'B', link: '/b-story' }]), 'application/rss+xml'),
    });
    const first = await discoverSource(source('feed', '/'), EMPTY_POLL_STATE, fetcher);
    expect(first.resolvedFeedUrl).toBe(`${server.origin}/feed.xml`);
    expect(first.state.feedUrl).toBe(`${server.origin}/feed.xml`);
    expect(first.items.map((item) => item.url)).toEqual([`${server.origin}/a-story`]);
    const second = await discoverSource(source('feed', '/'), first.state, fetcher);
    expect(second.notModified).toBe(true);
    expect(server.seen('/')).toHaveLength(1);
    feedPath = '/new-feed.xml';
    server.route('/feed.xml', respond(404, 'gone'));
    const third = await discoverSource(source('feed', '/'), second.state, fetcher);
    expect(third.resolvedFeedUrl).toBe(`${server.origin}/new-feed.xml`);
    expect(third.items.map((item) => item.url)).toEqual([`${server.origin}/b-story`]);
  });

  it('falls back to the next advertised feed; reports a page without a feed, and a malformed feed, with a clear reason', async () => {
    await setUp({
      '/plain': respond(200, '<html><body>No feed here</body></html>'),
      '/broken': respond(200, '<?xml version="1.0"?><rss><channel><item><title>Unclosed', { 'content-type': 'application/rss+xml' }),
    });
    server.route('/two-feeds', respond(200, '<link rel="alternate" type="application/rss+xml" href="/dead.xml"><link rel="alternate" type="application/atom+xml" href="/atom.xml">'));
    server.route('/atom.xml', respond(200, '<feed xmlns="http://www.w3.org/2005/Atom"><entry><id>1</id><link href="/atom-story"/></entry></feed>', { 'content-type': 'application/atom+xml' }));
    const fallback = await discoverSource(source('feed', '/two-feeds'), EMPTY_POLL_STATE, fetcher);
    expect(fallback.resolvedFeedUrl).toBe(`${server.origin}/atom.xml`);
    expect(fallback.items.map((item) => item.url)).toEqual([`${server.origin}/atom-story`]);
    const noFeed = await discoverSource(source('feed', '/plain'), EMPTY_POLL_STATE, fetcher).catch((error: unknown) => error);
    expect(noFeed).toBeInstanceOf(PermanentFetchError);
    expect(noFeed).toMatchObject({ code: 'NO_FEED_FOUND' });
    const broken = await discoverSource(source('feed', '/broken'), EMPTY_POLL_STATE, fetcher).catch((error: unknown) => error);
    expect(broken).toBeInstanceOf(PermanentFetchError);
    expect(broken).toMatchObject({ code: 'MALFORMED_FEED' });
    expect((broken as Error).message).toMatch(/malformed feed: .*(line|Unclosed|closed|tag)/i);
  });

  it('reads a windows-1251 feed whose server claims UTF-8', async () => {
    const xml = `<?xml version="1.0" encoding="windows-1251"?><rss version="2.0"><channel><item><title>Переговоры в Женеве</title><link>https://ru.example.com/peregovory</link></item></channel></rss>`;
    await setUp({ '/ru.xml': respond(200, iconv.encode(xml, 'windows-1251'), { 'content-type': 'application/rss+xml; charset=utf-8' }) });
    const result = await discoverSource(source('feed', '/ru.xml'), EMPTY_POLL_STATE, fetcher);
    expect(result.items.map((item) => item.title)).toEqual(['Переговоры в Женеве']);
  });

  it('reads a feed of 5,000 items, quickly', async () => {
    const xml = manyItemsRss(5000);
    await setUp({ '/big': respond(200, xml, { 'content-type': 'application/rss+xml; charset=utf-8' }) });
    const started = Date.now();
    const result = await discoverSource(source('feed', '/big'), EMPTY_POLL_STATE, fetcher);
    expect(result.items).toHaveLength(5000);
    expect(new Set(result.items.map((item) => item.canonicalUrl)).size).toBe(5000);
    expect(Date.now() - started).toBeLessThan(5000);
  });

  it('walks a sitemap index: recent children only, lastmod filtered by maxAge, a broken child is a warning', async () => {
    const now = new Date('2025-11-21T12:00:00Z');
    const urlset = (entries: [string, string][]) =>
      `<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">${entries
        .map(([loc, date]) => `<url><loc>${server.origin}${loc}</loc><news:news><news:publication_date>${date}</news:publication_date><news:title>T</news:title></news:news></url>`)
        .join('')}</urlset>`;
    await setUp({
      '/sitemap.xml': (_request, response) =>
        void response.writeHead(200, { 'content-type': 'application/xml' }).end(`<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
<sitemap><loc>${server.origin}/sitemap-new.xml</loc><lastmod>2025-11-21T10:00:00Z</lastmod></sitemap>
<sitemap><loc>${server.origin}/sitemap-broken.xml</loc><lastmod>2025-11-21T09:00:00Z</lastmod></sitemap>
<sitemap><loc>${server.origin}/sitemap-2019.xml</loc><lastmod>2019-01-01T00:00:00Z</lastmod></sitemap></sitemapindex>`),
      '/sitemap-new.xml': (_request, response) =>
        void response.writeHead(200, { 'content-type': 'application/xml' }).end(urlset([['/fresh', '2025-11-21T08:00:00Z'], ['/stale', '2025-11-01T08:00:00Z']])),
      '/sitemap-broken.xml': respond(500, 'oops'),
    });
    const result = await discoverSource(source('sitemap', '/sitemap.xml', { maxAge: '2d' }), EMPTY_POLL_STATE, fetcher, { now });
    expect(result.items.map((item) => item.url)).toEqual([`${server.origin}/fresh`]);
    expect((result.warnings ?? []).some((warning) => warning.includes('sitemap-broken.xml'))).toBe(true);
    expect(server.seen('/sitemap-2019.xml')).toHaveLength(0);
  });

  it('reads a listing page by selector and by heuristics', async () => {
    await setUp({
      '/world': respond(200, `<html><body><nav><a href="/world/2025/11/20/nav-story-should-be-ignored">nav</a></nav>
<ul class="stream"><li><a href="/world/2025/11/20/talks-resume-in-geneva">Talks resume</a></li><li><a href="/short">Short</a></li></ul></body></html>`),
    });
    const heuristic = await discoverSource(source('page', '/world'), EMPTY_POLL_STATE, fetcher);
    expect(heuristic.items.map((item) => item.url)).toEqual([`${server.origin}/world/2025/11/20/talks-resume-in-geneva`]);
    const selected = await discoverSource(source('page', '/world', { select: 'ul.stream a' }), EMPTY_POLL_STATE, fetcher);
    expect(selected.items.map((item) => item.title)).toEqual(['Talks resume', 'Short']);
  });

  it('a source failing with 500 three times backs off, then recovers to its base pace', async () => {
    let calls = 0;
    await setUp({
      '/flaky-feed': (_request, response) => {
        calls += 1;
        if (calls <= 3) return void response.writeHead(500).end();
        response.writeHead(200, { 'content-type': 'application/rss+xml' }).end(rss2([{ title: 'Back', link: '/back-again' }]));
      },
    });
    // What the scheduler keeps per source, updated the way the lead's worker does.
    const health = { consecutiveFailures: 0, lastError: null as string | null, state: EMPTY_POLL_STATE as SourcePollState };
    const delays: number[] = [];
    for (let poll = 0; poll < 4; poll += 1) {
      try {
        const result = await discoverSource(source('feed', '/flaky-feed'), health.state, fetcher);
        Object.assign(health, { consecutiveFailures: 0, lastError: null, state: result.state });
      } catch (error) {
        expect(error).toBeInstanceOf(TransientFetchError);
        expect(isRetryable(error)).toBe(true);
        Object.assign(health, { consecutiveFailures: health.consecutiveFailures + 1, lastError: `${(error as TransientFetchError).code}: ${(error as Error).message}` });
      }
      delays.push(nextPollDelayMs({ baseIntervalMs: 60_000, consecutiveFailures: health.consecutiveFailures, minIntervalMs: health.state.minIntervalMs }));
    }
    expect(delays).toEqual([120_000, 240_000, 480_000, 60_000]);
    expect(health).toMatchObject({ consecutiveFailures: 0, lastError: null });
  });
});

import { brotliCompressSync, constants as zlibConstants, gzipSync } from 'node:zlib';
import iconv from 'iconv-lite';
import { Redis } from 'ioredis';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Config } from '../../src/config.js';
import { PermanentFetchError, TransientFetchError } from '../../src/errors.js';
import { request as undiciRequest } from 'undici';
import { Fetcher } from '../../src/fetch/fetcher.js';
import { publicOnlyAgent } from '../../src/fetch/public-url.js';
import { startTestRedis, type TestRedis } from '../support/redis.js';
import { respond, startMisbehavingServer, type TestServer } from './support/misbehaving-server.js';

let testRedis: TestRedis;
let server: TestServer;
const opened: { fetcher: Fetcher; redis: Redis }[] = [];

const BASE_CONFIG: Config['fetch'] = { userAgent: 'chronicle-test/1.0', timeoutMs: 2000, maxBytes: 5_000_000, maxRedirects: 5, perHost: { concurrency: 4, rps: 50 } };

/**
 * A Fetcher with its own Redis connection; `prefix` shared means "another process of the same
 * deployment". Private networks are allowed unless said otherwise: these servers are on 127.0.0.1.
 */
function makeFetcher(prefix: string, config: Partial<Config['fetch']> = {}, deps: { allowPrivateNetworks?: boolean } = {}): Fetcher {
  const redis = new Redis(testRedis.url, { maxRetriesPerRequest: 3 });
  const fetcher = new Fetcher({ ...BASE_CONFIG, ...config }, { redis, keyPrefix: prefix, allowPrivateNetworks: true, ...deps });
  opened.push({ fetcher, redis });
  return fetcher;
}

async function failure(promise: Promise<unknown>): Promise<PermanentFetchError | TransientFetchError> {
  try {
    await promise;
  } catch (error) {
    return error as PermanentFetchError | TransientFetchError;
  }
  throw new Error('expected the fetch to fail');
}

/** Back-pressure without piling listeners on the response. */
function drainOrClose(response: import('node:http').ServerResponse): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      response.off('drain', done).off('close', done);
      resolve();
    };
    response.on('drain', done).on('close', done);
  });
}

const pages = (server: TestServer) => server.requests.filter((request) => request.path !== '/robots.txt');

beforeAll(async () => {
  testRedis = await startTestRedis();
});

afterAll(async () => {
  await testRedis.stop();
});

afterEach(async () => {
  for (const { fetcher, redis } of opened.splice(0)) {
    await fetcher.close();
    redis.disconnect();
  }
  await server?.close();
});

describe('Fetcher against a misbehaving server', () => {
  it('sends validators on the second fetch and reports 304 as not modified', async () => {
    server = await startMisbehavingServer({
      '/feed': (request, response) => {
        const headers = { etag: '"v1"', 'last-modified': 'Thu, 20 Nov 2025 10:00:00 GMT', 'content-type': 'application/rss+xml' };
        if (request.headers['if-none-match'] === '"v1"') return void response.writeHead(304, headers).end();
        response.writeHead(200, headers).end('<rss version="2.0"><channel></channel></rss>');
      },
    });
    const fetcher = makeFetcher(testRedis.prefix());
    const first = await fetcher.fetch({ url: `${server.origin}/feed` });
    expect(first).toMatchObject({ status: 200, notModified: false, etag: '"v1"', lastModified: 'Thu, 20 Nov 2025 10:00:00 GMT' });
    const second = await fetcher.fetch({ url: `${server.origin}/feed`, etag: first.etag, lastModified: first.lastModified });
    expect(second).toMatchObject({ status: 304, notModified: true, etag: '"v1"', lastModified: 'Thu, 20 Nov 2025 10:00:00 GMT', text: '' });
    const [, conditional] = server.seen('/feed');
    expect(conditional.headers['if-none-match']).toBe('"v1"');
    expect(conditional.headers['if-modified-since']).toBe('Thu, 20 Nov 2025 10:00:00 GMT');
    expect(conditional.headers['user-agent']).toBe('chronicle-test/1.0');
  });

  it('429 with Retry-After: 3 silences the host for 3 s, for every process', async () => {
    let limited = true;
    server = await startMisbehavingServer({
      '/limited': (_request, response) => {
        if (limited) return void response.writeHead(429, { 'retry-after': '3' }).end();
        response.writeHead(200, { 'content-type': 'text/plain' }).end('ok now');
      },
      '/other': respond(200, 'other'),
    });
    const prefix = testRedis.prefix();
    const fetcher = makeFetcher(prefix);
    const otherProcess = makeFetcher(prefix);
    const first = await failure(fetcher.fetch({ url: `${server.origin}/limited` }));
    expect(first).toBeInstanceOf(TransientFetchError);
    expect(first).toMatchObject({ code: 'HTTP_429', retryAfterMs: 3000 });
    const blockedAt = server.seen('/limited')[0].at;
    limited = false;
    const sentBefore = server.requests.length;
    // Both caught at once: awaiting them one after the other left the second's rejection unhandled for a moment.
    const errors = await Promise.all([failure(fetcher.fetch({ url: `${server.origin}/limited` })), failure(otherProcess.fetch({ url: `${server.origin}/other` }))]);
    for (const error of errors) {
      expect(error).toMatchObject({ code: 'HOST_BLOCKED' });
      expect(error.retryable).toBe(true);
      expect((error as TransientFetchError).retryAfterMs).toBeGreaterThan(2000);
      expect((error as TransientFetchError).retryAfterMs).toBeLessThanOrEqual(3000);
    }
    expect(server.requests.length).toBe(sentBefore);
    expect(await otherProcess.blockedFor(`${server.origin}/anything`)).toBeGreaterThan(2000);
    // Keep knocking until let in: nothing may reach the host before the 3 s are over.
    let result = null;
    while (!result) {
      result = await fetcher.fetch({ url: `${server.origin}/limited` }).catch((error: TransientFetchError) => {
        expect(error.code).toBe('HOST_BLOCKED');
        return new Promise<null>((resolve) => setTimeout(() => resolve(null), 100));
      });
    }
    expect(result.text).toBe('ok now');
    const after = server.requests.filter((request) => request.at > blockedAt);
    expect(after.length).toBeGreaterThan(0);
    for (const request of after) expect(request.at - blockedAt).toBeGreaterThanOrEqual(2995);
  }, 15_000);

  it('500 three times then 200: transient errors, then success', async () => {
    let calls = 0;
    server = await startMisbehavingServer({
      '/flaky': (_request, response) => {
        calls += 1;
        if (calls <= 3) return void response.writeHead(500).end('boom');
        response.writeHead(200, { 'content-type': 'text/html' }).end('<p>fine</p>');
      },
    });
    const fetcher = makeFetcher(testRedis.prefix());
    for (let attempt = 1; attempt <= 3; attempt += 1) {
      const error = await failure(fetcher.fetch({ url: `${server.origin}/flaky` }));
      expect(error).toBeInstanceOf(TransientFetchError);
      expect(error).toMatchObject({ code: 'HTTP_500', retryable: true });
      expect(error.message).toContain('answered 500');
    }
    expect((await fetcher.fetch({ url: `${server.origin}/flaky` })).text).toBe('<p>fine</p>');
  });

  it('stops a redirect loop and an over-long chain (permanent, bounded)', async () => {
    server = await startMisbehavingServer({
      '/loop-a': respond(302, '', { location: '/loop-b' }),
      '/loop-b': respond(301, '', { location: '/loop-a' }),
    });
    for (let step = 0; step < 10; step += 1) server.route(`/chain-${step}`, respond(302, '', { location: `/chain-${step + 1}` }));
    const fetcher = makeFetcher(testRedis.prefix(), { maxRedirects: 3 });
    const loop = await failure(fetcher.fetch({ url: `${server.origin}/loop-a` }));
    expect(loop).toBeInstanceOf(PermanentFetchError);
    expect(loop).toMatchObject({ code: 'TOO_MANY_REDIRECTS' });
    expect(loop.message).toContain('redirect loop');
    expect(server.seen('/loop-a')).toHaveLength(1);
    expect(server.seen('/loop-b')).toHaveLength(1);
    const chain = await failure(fetcher.fetch({ url: `${server.origin}/chain-0` }));
    expect(chain).toMatchObject({ code: 'TOO_MANY_REDIRECTS' });
    expect(pages(server).filter((request) => request.path.startsWith('/chain-'))).toHaveLength(4);
  });

  it('aborts a 30 MB body at maxBytes, fast, without reading it all', async () => {
    const chunk = Buffer.alloc(64 * 1024, 'a');
    const written = { chunked: 0 };
    server = await startMisbehavingServer({
      '/huge-declared': (_request, response) => {
        response.writeHead(200, { 'content-type': 'text/html', 'content-length': String(30 * 1024 * 1024) });
        response.write(chunk);
      },
      '/huge-chunked': async (_request, response) => {
        response.writeHead(200, { 'content-type': 'text/html' });
        while (written.chunked < 30 * 1024 * 1024 && !response.destroyed) {
          written.chunked += chunk.length;
          if (!response.write(chunk)) await drainOrClose(response);
        }
        response.end();
      },
    });
    const fetcher = makeFetcher(testRedis.prefix(), { maxBytes: 2_000_000, timeoutMs: 10_000 });
    const started = Date.now();
    expect(await failure(fetcher.fetch({ url: `${server.origin}/huge-declared` }))).toMatchObject({ code: 'TOO_LARGE', retryable: false });
    const chunked = await failure(fetcher.fetch({ url: `${server.origin}/huge-chunked` }));
    expect(chunked).toMatchObject({ code: 'TOO_LARGE' });
    expect(chunked.message).toContain('2000000');
    expect(Date.now() - started).toBeLessThan(3000);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(written.chunked).toBeLessThan(12 * 1024 * 1024); // socket buffers, not 30 MB
  });

  it('gives up on a body that drips one byte a second within timeoutMs', async () => {
    server = await startMisbehavingServer({
      '/drip': (_request, response) => {
        response.writeHead(200, { 'content-type': 'text/html' });
        const timer = setInterval(() => response.write('x'), 1000);
        response.once('close', () => clearInterval(timer));
      },
    });
    const fetcher = makeFetcher(testRedis.prefix(), { timeoutMs: 1500 });
    const started = Date.now();
    const error = await failure(fetcher.fetch({ url: `${server.origin}/drip` }));
    expect(error).toBeInstanceOf(TransientFetchError);
    expect(error).toMatchObject({ code: 'TIMEOUT' });
    expect(Date.now() - started).toBeLessThan(1500 + 700);
  });

  it('decodes a wrongly declared charset correctly', async () => {
    const french = '<p>Les négociations à Genève reprendront jeudi</p>';
    const russian = '<meta charset="windows-1251"><p>Переговоры в Женеве</p>';
    server = await startMisbehavingServer({
      '/latin-says-header': respond(200, Buffer.from(french, 'utf8'), { 'content-type': 'text/html; charset=iso-8859-1' }),
      '/cyrillic-says-utf8': respond(200, iconv.encode(russian, 'windows-1251'), { 'content-type': 'text/html; charset=utf-8' }),
    });
    const fetcher = makeFetcher(testRedis.prefix());
    expect(await fetcher.fetch({ url: `${server.origin}/latin-says-header` })).toMatchObject({ text: french, charset: 'utf-8' });
    expect(await fetcher.fetch({ url: `${server.origin}/cyrillic-says-utf8` })).toMatchObject({ text: russian, charset: 'windows-1251' });
  });

  it('never requests a path robots.txt disallows, and honours its crawl-delay', async () => {
    server = await startMisbehavingServer({
      '/robots.txt': respond(200, 'User-agent: *\nDisallow: /private/\nCrawl-delay: 1\n\nUser-agent: other-bot\nDisallow: /\n\nUser-agent: chronicle-test\nDisallow: /private/\nDisallow: /not-for-chronicle/\nCrawl-delay: 1\n', { 'content-type': 'text/plain' }),
      '/not-for-chronicle/page': respond(200, 'no'),
      '/private/secret': respond(200, 'secret'),
      '/public/a': respond(200, 'a'),
      '/public/b': respond(200, 'b'),
    });
    const fetcher = makeFetcher(testRedis.prefix());
    const error = await failure(fetcher.fetch({ url: `${server.origin}/private/secret` }));
    expect(error).toBeInstanceOf(PermanentFetchError);
    expect(error).toMatchObject({ code: 'ROBOTS_DISALLOWED' });
    expect(await failure(fetcher.fetch({ url: `${server.origin}/not-for-chronicle/page` }))).toMatchObject({ code: 'ROBOTS_DISALLOWED' });
    await fetcher.fetch({ url: `${server.origin}/public/a` });
    await fetcher.fetch({ url: `${server.origin}/public/b` });
    expect(server.seen('/private/secret')).toHaveLength(0);
    expect(server.seen('/not-for-chronicle/page')).toHaveLength(0);
    expect(server.seen('/robots.txt')).toHaveLength(1);
    const [a, b] = [server.seen('/public/a')[0].at, server.seen('/public/b')[0].at];
    expect(b - a).toBeGreaterThanOrEqual(990);
  });

  it('treats a failing robots.txt as a temporary disallow (RFC 9309)', async () => {
    server = await startMisbehavingServer({ '/robots.txt': respond(503, 'down'), '/page': respond(200, 'page') });
    const error = await failure(makeFetcher(testRedis.prefix()).fetch({ url: `${server.origin}/page` }));
    expect(error).toMatchObject({ code: 'ROBOTS_UNAVAILABLE', retryable: true });
    expect(server.seen('/page')).toHaveLength(0);
  });

  it('decodes gzip and brotli bodies and gunzips a .gz file', async () => {
    const xml = '<urlset><url><loc>https://x.com/a</loc></url></urlset>';
    server = await startMisbehavingServer({
      '/gzip': respond(200, gzipSync(Buffer.from('<p>gzip body</p>')), { 'content-encoding': 'gzip' }),
      '/br': respond(200, brotliCompressSync(Buffer.from('<p>brotli body</p>')), { 'content-encoding': 'br' }),
      '/sitemap.xml.gz': respond(200, gzipSync(Buffer.from(xml)), { 'content-type': 'application/x-gzip' }),
      '/lying-gzip': respond(200, '<p>not gzip at all</p>', { 'content-encoding': 'gzip' }),
      '/lying-br': respond(200, '<p>not brotli at all, not at all</p>', { 'content-encoding': 'br' }),
    });
    const fetcher = makeFetcher(testRedis.prefix());
    expect((await fetcher.fetch({ url: `${server.origin}/gzip` })).text).toBe('<p>gzip body</p>');
    expect((await fetcher.fetch({ url: `${server.origin}/br` })).text).toBe('<p>brotli body</p>');
    expect((await fetcher.fetch({ url: `${server.origin}/sitemap.xml.gz` })).text).toBe(xml);
    expect(server.seen('/gzip')[0].headers['accept-encoding']).toContain('br');
    expect(await failure(fetcher.fetch({ url: `${server.origin}/lying-gzip` }))).toMatchObject({ code: 'BAD_CONTENT_ENCODING', retryable: false });
    expect(await failure(fetcher.fetch({ url: `${server.origin}/lying-br` }))).toMatchObject({ code: 'BAD_CONTENT_ENCODING', retryable: false });
  });

  it('fails a gzip or brotli bomb once as TOO_LARGE (permanent), not as a retried network error', async () => {
    // 60 MB of one byte: ~58 KB gzipped, ~100 bytes as brotli; the fetcher's cap is 5 MB.
    const expanded = Buffer.alloc(60_000_000, 'a');
    const gzipBomb = gzipSync(expanded, { level: 9 });
    const brotliBomb = brotliCompressSync(expanded, { params: { [zlibConstants.BROTLI_PARAM_QUALITY]: 5 } });
    server = await startMisbehavingServer({
      '/gzip-bomb': respond(200, gzipBomb, { 'content-encoding': 'gzip' }),
      '/br-bomb': respond(200, brotliBomb, { 'content-encoding': 'br' }),
      // A .gz file served as the content itself, undone by gunzipCapped.
      '/sitemap-bomb.xml.gz': respond(200, gzipBomb, { 'content-type': 'application/x-gzip' }),
      // Both codings at once: the outer gzip holds a brotli bomb.
      '/double-bomb': respond(200, gzipSync(brotliBomb), { 'content-encoding': 'br, gzip' }),
    });
    const fetcher = makeFetcher(testRedis.prefix());
    for (const path of ['/gzip-bomb', '/br-bomb', '/sitemap-bomb.xml.gz', '/double-bomb']) {
      const error = await failure(fetcher.fetch({ url: `${server.origin}${path}` }));
      expect(error, path).toBeInstanceOf(PermanentFetchError);
      expect(error, path).toMatchObject({ code: 'TOO_LARGE', retryable: false });
      expect(server.seen(path), path).toHaveLength(1);
    }
  });

  it('reads a bombed robots.txt as "too large, no rules" at once: the host is not blocked', async () => {
    const bomb = gzipSync(Buffer.alloc(60_000_000, 'a'), { level: 9 });
    server = await startMisbehavingServer({
      '/robots.txt': respond(200, bomb, { 'content-type': 'text/plain', 'content-encoding': 'gzip' }),
      '/page': respond(200, '<p>page</p>'),
    });
    const fetcher = makeFetcher(testRedis.prefix());
    expect((await fetcher.fetch({ url: `${server.origin}/page` })).text).toBe('<p>page</p>');
    expect((await fetcher.fetch({ url: `${server.origin}/page` })).text).toBe('<p>page</p>');
    // RFC 9309 §2.5 lets a crawler ignore what is past its parse limit; read as unreachable
    // (the old ABORT_ERR), the host would have been blocked for five minutes.
    expect(server.seen('/robots.txt')).toHaveLength(1);
    expect(server.seen('/page')).toHaveLength(2);
  });

  it('refuses non-documents, classifies 4xx as permanent and follows redirects to the final URL', async () => {
    server = await startMisbehavingServer({
      '/image': respond(200, Buffer.alloc(10), { 'content-type': 'image/png' }),
      '/binary': respond(200, Buffer.from([0, 1, 2, 3]), { 'content-type': 'application/octet-stream' }),
      '/gone': respond(410, 'gone'),
      '/timeout-status': respond(408, 'slow'),
      '/moved': respond(301, '', { location: '/final#frag' }),
      '/final': respond(200, 'final', { 'cache-control': 'public, max-age=120' }),
    });
    const fetcher = makeFetcher(testRedis.prefix());
    expect(await failure(fetcher.fetch({ url: `${server.origin}/image` }))).toMatchObject({ code: 'UNSUPPORTED_CONTENT_TYPE', retryable: false });
    expect(await failure(fetcher.fetch({ url: `${server.origin}/binary` }))).toMatchObject({ code: 'UNSUPPORTED_CONTENT_TYPE' });
    expect(await failure(fetcher.fetch({ url: `${server.origin}/gone` }))).toMatchObject({ code: 'HTTP_410', retryable: false });
    expect(await failure(fetcher.fetch({ url: `${server.origin}/timeout-status` }))).toMatchObject({ code: 'HTTP_408', retryable: true });
    const moved = await fetcher.fetch({ url: `${server.origin}/moved` });
    expect(moved).toMatchObject({ requestedUrl: `${server.origin}/moved`, url: `${server.origin}/final`, text: 'final', cacheMaxAgeMs: 120_000 });
  });

  it('refuses private addresses for every host not trusted, unless allowPrivateNetworks; sends nothing when it refuses', async () => {
    server = await startMisbehavingServer({ '/page': respond(200, 'page') });
    const host = new URL(server.origin).host;
    const strict = makeFetcher(testRedis.prefix(), {}, { allowPrivateNetworks: false });
    expect(await failure(strict.fetch({ url: `${server.origin}/page` }))).toMatchObject({ code: 'PRIVATE_NETWORK', retryable: false });
    expect(await failure(strict.fetch({ url: `${server.origin}/page`, trustedHosts: ['127.0.0.1:1'] }))).toMatchObject({ code: 'PRIVATE_NETWORK' });
    expect(server.requests).toHaveLength(0);
    expect((await strict.fetch({ url: `${server.origin}/page`, trustedHosts: [host] })).text).toBe('page');
    const lenient = makeFetcher(testRedis.prefix(), {}, { allowPrivateNetworks: true });
    expect((await lenient.fetch({ url: `${server.origin}/page` })).text).toBe('page');
  });

  it('judges each redirect hop by its own host: a trusted host cannot lend its trust to another', async () => {
    const elsewhere = await startMisbehavingServer({ '/internal': respond(200, 'internal') });
    try {
      server = await startMisbehavingServer({ '/moved': respond(302, '', { location: `${elsewhere.origin}/internal` }) });
      const strict = makeFetcher(testRedis.prefix(), {}, { allowPrivateNetworks: false });
      const error = await failure(strict.fetch({ url: `${server.origin}/moved`, trustedHosts: [new URL(server.origin).host] }));
      expect(error).toMatchObject({ code: 'PRIVATE_NETWORK' });
      expect(server.seen('/moved')).toHaveLength(1);
      expect(elsewhere.requests).toHaveLength(0);
    } finally {
      await elsewhere.close();
    }
  });

  it('refuses private addresses at connect time, for IP literals and resolved names alike', async () => {
    server = await startMisbehavingServer({ '/page': respond(200, 'page') });
    const agent = publicOnlyAgent({ connectTimeoutMs: 2000 });
    try {
      const port = new URL(server.origin).port;
      for (const url of [`${server.origin}/page`, `http://localhost:${port}/page`, `http://[::ffff:127.0.0.1]:${port}/page`]) {
        const error = await undiciRequest(url, { dispatcher: agent }).then(() => null, (caught: unknown) => caught);
        expect(error, url).toMatchObject({ code: 'PRIVATE_NETWORK' });
      }
      expect(server.requests).toHaveLength(0);
    } finally {
      await agent.close();
    }
  });

  it('reports an unreachable host as a transient network error', async () => {
    server = await startMisbehavingServer();
    const origin = server.origin;
    await server.close();
    const error = await failure(makeFetcher(testRedis.prefix()).fetch({ url: `${origin}/x`, ignoreRobots: true }));
    expect(error).toMatchObject({ code: 'NETWORK', retryable: true });
  });
});

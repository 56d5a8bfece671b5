import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { waitFor, type RunningCli } from '../support/cli.js';
import { startTestRedis, type TestRedis } from '../support/redis.js';
import { createServiceWorkdir, stopService, type ServiceWorkdir } from '../support/service-workdir.js';

type Handler = (request: IncomingMessage, response: ServerResponse, count: number) => void;

interface Host {
  base: string;
  requests: { path: string; at: number; headers: IncomingMessage['headers'] }[];
  close: () => Promise<void>;
}

/** One misbehaviour per host, so that one host's Retry-After block cannot hide another's. */
async function startHost(handler: Handler): Promise<Host> {
  const requests: Host['requests'] = [];
  let count = 0;
  const server = createServer((request, response) => {
    const path = new URL(request.url ?? '/', 'http://x').pathname;
    requests.push({ path, at: Date.now(), headers: request.headers });
    if (path === '/robots.txt') return void response.writeHead(200, { 'content-type': 'text/plain' }).end('User-agent: *\nDisallow: /private/\n');
    count += 1;
    handler(request, response, count);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  return {
    base: `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`,
    requests,
    close: () => new Promise((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}

const FEED = `<?xml version="1.0"?><rss version="2.0"><channel><title>t</title><link>http://x/</link><description>d</description></channel></rss>`;
const sendFeed = (response: ServerResponse, headers: Record<string, string> = {}) => response.writeHead(200, { 'content-type': 'application/rss+xml', ...headers }).end(FEED);

describe('chronicle start keeps running through sources that misbehave, and records each error on its source', () => {
  let redis: TestRedis;
  let service: RunningCli;
  let workdir: ServiceWorkdir;
  const hosts: Record<string, Host> = {};
  const feedPaths: Record<string, string> = {
    conditional: '/feed.xml',
    flaky: '/feed.xml',
    limited: '/feed.xml',
    loop: '/loop',
    huge: '/feed.xml',
    drip: '/feed.xml',
    malformed: '/feed.xml',
    robots: '/private/feed.xml',
    charset: '/feed.xml',
    big: '/feed.xml',
  };

  const sources = async () => {
    const { body } = await workdir.api('/v1/sources');
    const list = body.sources as { id: string; consecutiveFailures: number; lastError: string | null; lastSuccessAt: string | null }[];
    return Object.fromEntries(list.map((source) => [source.id, source]));
  };

  beforeAll(async () => {
    redis = await startTestRedis();
    hosts.conditional = await startHost((request, response) => {
      if (request.headers['if-none-match'] === '"v1"') return void response.writeHead(304).end();
      sendFeed(response, { etag: '"v1"', 'last-modified': 'Fri, 21 Nov 2025 10:00:00 GMT' });
    });
    hosts.flaky = await startHost((_request, response, count) => (count <= 3 ? void response.writeHead(500).end('oops') : sendFeed(response)));
    hosts.limited = await startHost((_request, response, count) => (count === 1 ? void response.writeHead(429, { 'retry-after': '3' }).end() : sendFeed(response)));
    hosts.loop = await startHost((_request, response) => void response.writeHead(302, { location: '/loop' }).end());
    hosts.huge = await startHost((_request, response) => {
      response.writeHead(200, { 'content-type': 'application/rss+xml' });
      const chunk = Buffer.alloc(1 << 20, 'a');
      let sent = 0;
      const pump = () => {
        while (sent < 30 && response.write(chunk)) sent += 1;
        if (sent >= 30) return void response.end();
        response.once('drain', () => {
          sent += 1;
          pump();
        });
      };
      response.on('error', () => {});
      pump();
    });
    hosts.drip = await startHost((_request, response) => {
      response.writeHead(200, { 'content-type': 'application/rss+xml' });
      const timer = setInterval(() => response.write('<'), 1000);
      response.on('close', () => clearInterval(timer));
    });
    hosts.malformed = await startHost((_request, response) => void response.writeHead(200, { 'content-type': 'application/rss+xml' }).end('<rss><channel><item><title>broken'));
    hosts.robots = await startHost((_request, response) => sendFeed(response));
    // Declared ISO-8859-1, but the bytes are UTF-8 (a common misconfiguration).
    hosts.charset = await startHost((_request, response) => {
      const feed = `<?xml version="1.0"?><rss version="2.0"><channel><title>t</title><item><title>Зеленський: переговори в Женеві</title><link>${hosts.charset.base}/news/geneva</link></item></channel></rss>`;
      response.writeHead(200, { 'content-type': 'application/rss+xml; charset=iso-8859-1' }).end(Buffer.from(feed, 'utf8'));
    });
    hosts.big = await startHost((_request, response) => {
      const items = Array.from({ length: 5000 }, (_, index) => `<item><title>Item ${index}</title><link>${hosts.big.base}/news/item-${index}</link></item>`).join('');
      response.writeHead(200, { 'content-type': 'application/rss+xml' }).end(`<?xml version="1.0"?><rss version="2.0"><channel><title>t</title>${items}</channel></rss>`);
    });

    workdir = await createServiceWorkdir({
      name: 'misbehave',
      redis,
      lines: [
        'fetch: { timeoutMs: 3000, maxBytes: 5000000, perHost: { concurrency: 2, rps: 5 } }',
        // The long feed is read in one poll here; flooding-sources.int.test.ts tests the cap.
        'discover: { maxItemsPerPoll: 5000 }',
        'sources:',
        ...Object.entries(feedPaths).map(([id, path]) => `  - { id: ${id}, kind: feed, url: "${hosts[id].base}${path}", every: 1s }`),
      ],
    });
    // A fresh PGlite store takes ~20 s to create on a loaded two-core machine.
    ({ service } = await workdir.start(60_000));
  });

  afterAll(async () => {
    await stopService(service);
    await Promise.all(Object.values(hosts).map((host) => host.close()));
    await redis?.stop();
    workdir?.remove();
  });

  it('records a reason on every failing source', async () => {
    const expected: Record<string, RegExp> = {
      loop: /TOO_MANY_REDIRECTS|redirect/i,
      huge: /TOO_LARGE/,
      drip: /TIMEOUT/,
      malformed: /MALFORMED|feed/i,
      robots: /ROBOTS_DISALLOWED/,
    };
    const state = await waitFor('every failing source to record its error', async () => {
      const current = await sources();
      return Object.keys(expected).every((id) => current[id]?.lastError) ? current : null;
    }, 30_000, 500);
    for (const [id, pattern] of Object.entries(expected)) {
      expect(state[id].consecutiveFailures, id).toBeGreaterThanOrEqual(1);
      expect(state[id].lastError, id).toMatch(pattern);
    }
    // robots.txt said no: the path itself was never requested.
    expect(hosts.robots.requests.filter((request) => request.path.startsWith('/private/'))).toHaveLength(0);
    expect((await fetch(`${workdir.apiBase}/healthz`)).status).toBe(200);
  }, 40_000);

  it('reads a feed whose declared charset is wrong, and all 5,000 items of a long feed', async () => {
    const charset = await waitFor('the mislabelled feed polled', async () => {
      const { body } = await workdir.api('/v1/articles?source=charset&limit=10');
      return body.articles.length > 0 ? body.articles : null;
    }, 20_000, 500);
    expect(charset[0].feedTitle).toBe('Зеленський: переговори в Женеві');

    await waitFor('the long feed polled', async () => (await sources()).big?.lastSuccessAt, 20_000, 500);
    let count = 0;
    let cursor: string | null = null;
    do {
      const { body } = await workdir.api(`/v1/articles?source=big&limit=500${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
      count += body.articles.length;
      cursor = body.nextCursor;
    } while (cursor);
    expect(count).toBe(5000);
  }, 40_000);

  it('polls with conditional GET and gets 304 the second time', async () => {
    await waitFor('a second poll of the conditional feed', async () => hosts.conditional.requests.filter((request) => request.path === '/feed.xml').length >= 2, 20_000);
    const polls = hosts.conditional.requests.filter((request) => request.path === '/feed.xml');
    expect(polls[1].headers['if-none-match']).toBe('"v1"');
    expect(polls[1].headers['if-modified-since']).toBe('Fri, 21 Nov 2025 10:00:00 GMT');
    expect((await sources()).conditional.lastError).toBeNull();
  }, 30_000);

  it('sends nothing to a host for the Retry-After it asked for', async () => {
    await waitFor('the rate-limited feed to be polled again', async () => hosts.limited.requests.filter((request) => request.path === '/feed.xml').length >= 2, 20_000);
    const [limited, next] = hosts.limited.requests.filter((request) => request.path === '/feed.xml');
    expect(next.at - limited.at).toBeGreaterThanOrEqual(2900);
  }, 30_000);

  it('keeps trying a source that fails, on a slower pace, and recovers when it answers', async () => {
    const state = await waitFor('the flaky source to recover', async () => {
      const flaky = (await sources()).flaky;
      return flaky.lastSuccessAt && flaky.consecutiveFailures === 0 ? flaky : null;
    }, 45_000, 500);
    expect(state.lastSuccessAt).not.toBeNull();
    const times = hosts.flaky.requests.filter((request) => request.path === '/feed.xml').map((request) => request.at);
    expect(times.length).toBeGreaterThanOrEqual(4);
    // Backoff: the gap after the third failure is longer than the gap after the first.
    expect(times[3] - times[2]).toBeGreaterThan(times[1] - times[0]);
    expect(service.child.exitCode).toBeNull();
  }, 60_000);
});

import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { readFileSync, writeFileSync } from 'node:fs';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { waitFor, type RunningCli } from '../support/cli.js';
import { loadSeedPages, type SeedPage } from '../support/news-site.js';
import { startTestRedis, type TestRedis } from '../support/redis.js';
import { createServiceWorkdir, stopService, TEST_SECRET, TEST_TOKEN, type ServiceWorkdir } from '../support/service-workdir.js';

/**
 * Hardening (issue 10, findings 5–8 and part of 14) through `chronicle start`: a source cannot
 * flood the service (items per poll capped, a deleted source's queued work dropped, also across
 * a restart), one site's rel=canonical cannot suppress another's story, NUL bytes in feeds, pages
 * and API parameters cost nothing, and the pace and filter limits hold at the API.
 *
 * Two sites on loopback: 127.0.0.1 and 127.0.0.2 (Linux routes all of 127.0.0.0/8 to `lo`).
 * They are two hosts with no registrable domain, so each is a site of its own (tldts gives no
 * domain for an IP): the same test as news.example against evil.example, without touching
 * /etc/hosts. Names under `.localhost` are not used: glibc does not resolve them without
 * nss-myhostname.
 */

type Handler = (request: IncomingMessage, response: ServerResponse, path: string) => void;

interface Host {
  base: string;
  requests: { path: string; headers: IncomingMessage['headers'] }[];
  close: () => Promise<void>;
}

async function startHost(address: string, handler: Handler): Promise<Host> {
  const requests: Host['requests'] = [];
  const server = createServer((request, response) => {
    const path = new URL(request.url ?? '/', 'http://x').pathname;
    requests.push({ path, headers: request.headers });
    if (path === '/robots.txt') return void response.writeHead(404).end();
    handler(request, response, path);
  });
  await new Promise<void>((resolve) => server.listen(0, address, resolve));
  const bound = server.address();
  return {
    base: `http://${address}:${typeof bound === 'object' && bound ? bound.port : 0}`,
    requests,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

const rss = (items: string) => `<?xml version="1.0"?><rss version="2.0"><channel><title>t</title><link>http://x/</link><description>d</description>${items}</channel></rss>`;
const item = (title: string, link: string, pubDate?: Date) => `<item><title>${title}</title><link>${link}</link>${pubDate ? `<pubDate>${pubDate.toUTCString()}</pubDate>` : ''}</item>`;
const sendRss = (response: ServerResponse, body: string, headers: Record<string, string> = {}) =>
  response.writeHead(200, { 'content-type': 'application/rss+xml', ...headers }).end(Buffer.from(body, 'utf8'));
const sendHtml = (response: ServerResponse, html: string) => response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(Buffer.from(html, 'utf8'));

/** A seed article's page with a rel=canonical of our choosing in its head. */
function withCanonical(page: SeedPage, canonical: string): string {
  return page.html.replace(/<link[^>]*rel=["']?canonical[^>]*>/gi, '').replace(/<head([^>]*)>/i, `<head$1><link rel="canonical" href="${canonical}">`);
}

const CAP = 50;
const CAPPED_ITEMS = 120;
const FLOOD_ITEMS = 400;

interface ArticleRow {
  id: string;
  url: string;
  status: string;
  createdAt: string;
  feedPublishedAt: string | null;
  feedTitle: string | null;
  errorCode: string | null;
}

describe('chronicle start is not flooded or fooled by one source, and refuses bad input with 400', () => {
  let redis: TestRedis;
  let service: RunningCli;
  let workdir: ServiceWorkdir;
  let pages: SeedPage[];
  const hosts: Record<string, Host> = {};
  let evilPageFetched = false;
  /** The config flood's feed lists its items only from the test that deletes it on. */
  let configFloodListed = false;

  const articlesOf = async (source: string): Promise<ArticleRow[]> => {
    const rows: ArticleRow[] = [];
    let cursor: string | null = null;
    do {
      const { body } = await workdir.api(`/v1/articles?source=${source}&limit=500${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
      rows.push(...body.articles);
      cursor = body.nextCursor;
    } while (cursor);
    return rows;
  };
  const sourceState = async (id: string) => (await workdir.api(`/v1/sources/${id}`)).body;
  const articlePaths = (host: Host) => host.requests.filter((request) => request.path.startsWith('/news/'));

  beforeAll(async () => {
    pages = loadSeedPages();
    redis = await startTestRedis();

    // A feed longer than the cap, listed oldest first (so "newest first" is the service's doing),
    // with an ETag that makes the next poll a 304 once the validators are kept.
    const day = Date.parse('2025-11-20T00:00:00Z');
    const cappedItems = Array.from({ length: CAPPED_ITEMS }, (_, index) => index)
      .map((index) => item(`Capped ${index}`, `/news/capped-${index}`, new Date(day + index * 60_000)))
      .join('');
    hosts.capped = await startHost('127.0.0.1', (request, response, path) => {
      if (path !== '/feed.xml') return void response.writeHead(404).end();
      if (request.headers['if-none-match'] === '"v1"') return void response.writeHead(304).end();
      sendRss(response, rss(cappedItems.replaceAll('<link>/', `<link>${hosts.capped.base}/`)), { etag: '"v1"' });
    });

    // Slow article pages (two a second at perHost.concurrency 2), so that most of a flood's
    // fetches are still queued when its source is deleted.
    const flood = (name: string) => async (_request: IncomingMessage, response: ServerResponse, path: string) => {
      if (path === '/feed.xml') {
        if (name === 'floodConfig' && !configFloodListed) return void sendRss(response, rss(''));
        const items = Array.from({ length: FLOOD_ITEMS }, (_, index) => item(`${name} ${index}`, `${hosts[name].base}/news/${name}-${index}`)).join('');
        return void sendRss(response, rss(items));
      }
      setTimeout(() => response.writeHead(404).end(), 1000);
    };
    hosts.floodApi = await startHost('127.0.0.1', flood('floodApi'));
    hosts.floodConfig = await startHost('127.0.0.1', flood('floodConfig'));

    // A NUL byte in one item's title, and NUL bytes in that item's page.
    hosts.nul = await startHost('127.0.0.1', (_request, response, path) => {
      if (path === '/feed.xml') {
        return void sendRss(response, rss(item('Talks\u0000 resume in Geneva', `${hosts.nul.base}/news/nul-page`) + item('Second story', `${hosts.nul.base}/news/second`)));
      }
      if (path === '/news/nul-page') return void sendHtml(response, pages[0].html.replaceAll('Miami', 'Mia\u0000mi\u0000'));
      if (path === '/news/second') return void sendHtml(response, pages[1].html);
      response.writeHead(404).end();
    });

    // The real story on one site; a copy on another site claiming the story's URL as canonical.
    // The news feed lists the story only once the copy was fetched (the order that suppressed it).
    hosts.news = await startHost('127.0.0.1', (_request, response, path) => {
      if (path === '/feed.xml') return void sendRss(response, rss(evilPageFetched ? item('The story', `${hosts.news.base}/news/story`) : ''));
      if (path === '/news/story') return void sendHtml(response, withCanonical(pages[2], `${hosts.news.base}/news/story`));
      response.writeHead(404).end();
    });
    hosts.evil = await startHost('127.0.0.2', (_request, response, path) => {
      if (path === '/feed.xml') return void sendRss(response, rss(item('Copied story', `${hosts.evil.base}/news/copied`)));
      if (path === '/news/copied') {
        evilPageFetched = true;
        return void sendHtml(response, withCanonical(pages[2], `${hosts.news.base}/news/story`));
      }
      response.writeHead(404).end();
    });

    workdir = await createServiceWorkdir({
      name: 'flooding',
      redis,
      lines: [
        // API-created sources on 127.0.0.1 need this; config sources are trusted anyway.
        'security: { allowPrivateNetworks: true }',
        'fetch: { timeoutMs: 5000, perHost: { concurrency: 2, rps: 20 } }',
        `discover: { maxItemsPerPoll: ${CAP} }`,
        'sources:',
        `  - { id: capped, kind: feed, url: "${hosts.capped.base}/feed.xml", every: 2s }`,
        `  - { id: flood-config, kind: feed, url: "${hosts.floodConfig.base}/feed.xml", every: 1s }`,
        `  - { id: nul, kind: feed, url: "${hosts.nul.base}/feed.xml", every: 1h }`,
        `  - { id: news, kind: feed, url: "${hosts.news.base}/feed.xml", every: 1s }`,
        `  - { id: evil, kind: feed, url: "${hosts.evil.base}/feed.xml", every: 1h }`,
      ],
    });
    ({ service } = await workdir.start(60_000));
  });

  afterAll(async () => {
    await stopService(service);
    await Promise.all(Object.values(hosts).map((host) => host.close()));
    await redis?.stop();
    workdir?.remove();
  });

  it('refuses NUL in query, path and body parameters, bad percent-encoding, a too-fast pace and too many keywords: 400 {error, field}', async () => {
    const cases: [string, RequestInit | undefined, string][] = [
      ['/v1/events?q=%00', undefined, 'q'],
      ['/v1/events?source=a%00b', undefined, 'source'],
      ['/v1/events/ev%00', undefined, 'id'],
      ['/v1/articles/%00', undefined, 'id'],
      ['/v1/sources/x%01', undefined, 'id'],
      ['/v1/articles?source=%EF%BF%BF', undefined, 'source'],
      ['/v1/sources', { method: 'POST', body: JSON.stringify({ id: 'x', kind: 'feed', url: 'http://127.0.0.1/\u0000' }) }, 'url'],
      ['/v1/sources', { method: 'POST', body: JSON.stringify({ id: 'x', kind: 'feed', url: `${hosts.nul.base}/feed.xml`, every: '1ms' }) }, 'every'],
      ['/v1/sources', { method: 'POST', body: JSON.stringify({ id: 'x', kind: 'feed', url: `${hosts.nul.base}/feed.xml`, every: '30s' }) }, 'every'],
      ['/v1/sources', { method: 'POST', body: JSON.stringify({ id: 'x', kind: 'feed', url: `${hosts.nul.base}/feed.xml`, maxAge: '1ms' }) }, 'maxAge'],
      ['/v1/webhooks', { method: 'POST', body: JSON.stringify({ id: 'w', url: 'http://127.0.0.1:9/h', secret: TEST_SECRET, filter: { keywords: Array.from({ length: 80_000 }, (_, index) => `k${index}`) } }) }, 'filter.keywords'],
      ['/v1/webhooks', { method: 'POST', body: JSON.stringify({ id: 'w', url: 'http://127.0.0.1:9/h', secret: TEST_SECRET, filter: { keywords: ['x'.repeat(101)] } }) }, 'filter.keywords[0]'],
      ['/v1/webhooks', { method: 'POST', body: JSON.stringify({ id: 'w', url: 'http://127.0.0.1:9/h', secret: TEST_SECRET, filter: { keywords: ['ok', 'Kyiv\u0000'] } }) }, 'filter.keywords[1]'],
      ['/v1/events/%FF', undefined, 'path'],
      ['/v1/sources/%E0%A4%A', undefined, 'path'],
    ];
    for (const [path, init, field] of cases) {
      const { status, body } = await workdir.api(path, init);
      expect({ path, status, field: body.field }).toEqual({ path, status: 400, field });
      expect(typeof body.error, path).toBe('string');
    }
    // Still a 401 without the token: the checks come after authentication.
    expect((await fetch(`${workdir.apiBase}/v1/events?q=%00`)).status).toBe(401);
    // The limits admit what they should.
    expect((await workdir.api('/v1/events?q=Geneva')).status).toBe(200);
    const keywords = Array.from({ length: 100 }, (_, index) => `keyword ${index}`);
    expect((await workdir.api('/v1/webhooks', { method: 'POST', body: JSON.stringify({ id: 'w', url: 'http://127.0.0.1:9/h', secret: TEST_SECRET, filter: { keywords } }) })).status).toBe(201);
    expect((await fetch(`${workdir.apiBase}/v1/webhooks/w`, { method: 'DELETE', headers: { authorization: `Bearer ${TEST_TOKEN}` } })).status).toBe(204);
  });

  it('keeps every good item of a feed with a NUL in a title, and processes a page with NUL bytes', async () => {
    const articles = await waitFor('both items of the feed with a NUL processed', async () => {
      const rows = await articlesOf('nul');
      return rows.length === 2 && rows.every((row) => row.status === 'processed') ? rows : null;
    }, 60_000, 500);
    expect(articles.map((row) => row.feedTitle).sort()).toEqual(['Second story', 'Talks resume in Geneva']);
    const nulPage = articles.find((row) => row.url.endsWith('/news/nul-page'))!;
    const { body } = await workdir.api(`/v1/articles/${nulPage.id}`);
    expect(body.text).toContain('possibly in Miami, within');
    expect(body.text).not.toContain('\u0000');
    const source = await sourceState('nul');
    expect(source.lastSuccessAt).not.toBeNull();
    expect(source.lastError).toBeNull();
  }, 90_000);

  it("fetches a story whose URL a page on another site claimed as its canonical, and marks neither a duplicate", async () => {
    const story = await waitFor('the real story processed', async () => {
      const rows = await articlesOf('news');
      return rows.find((row) => row.url.endsWith('/news/story') && row.status === 'processed');
    }, 60_000, 500);
    expect(evilPageFetched).toBe(true);
    expect(story.errorCode).toBeNull();
    expect(hosts.news.requests.some((request) => request.path === '/news/story')).toBe(true);
    const [copy] = await articlesOf('evil');
    expect(copy.status).not.toBe('duplicate');
  }, 90_000);

  it(`takes at most ${CAP} new items per poll, newest first, and the rest on later polls; validators only once all are taken`, async () => {
    const articles = await waitFor(`all ${CAPPED_ITEMS} items of the long feed stored`, async () => {
      const rows = await articlesOf('capped');
      return rows.length === CAPPED_ITEMS ? rows : null;
    }, 60_000, 500);
    // One insert per poll: articles of one poll share their createdAt.
    const byPoll = new Map<string, ArticleRow[]>();
    for (const row of articles) byPoll.set(row.createdAt, [...(byPoll.get(row.createdAt) ?? []), row]);
    const polls = [...byPoll.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([, rows]) => rows);
    expect(polls.length).toBeGreaterThanOrEqual(Math.ceil(CAPPED_ITEMS / CAP));
    for (const rows of polls) expect(rows.length).toBeLessThanOrEqual(CAP);
    for (let index = 1; index < polls.length; index += 1) {
      const oldestBefore = Math.min(...polls[index - 1].map((row) => Date.parse(row.feedPublishedAt!)));
      const newestAfter = Math.max(...polls[index].map((row) => Date.parse(row.feedPublishedAt!)));
      expect(oldestBefore).toBeGreaterThan(newestAfter);
    }
    const conditional = await waitFor('a conditional poll of the long feed', async () => {
      const feed = hosts.capped.requests.filter((request) => request.path === '/feed.xml');
      const first = feed.findIndex((request) => request.headers['if-none-match'] === '"v1"');
      return first >= 0 ? { first, feed } : null;
    }, 30_000, 250);
    // No validators were sent while items were left: every poll before the conditional one read the whole feed.
    expect(conditional.first).toBeGreaterThanOrEqual(Math.ceil(CAPPED_ITEMS / CAP));
  }, 120_000);

  it('drops the queued fetches of a deleted source (API and config), and a restart does not queue them again', async () => {
    configFloodListed = true;
    const created = await workdir.api('/v1/sources', { method: 'POST', body: JSON.stringify({ id: 'flood-api', kind: 'feed', url: `${hosts.floodApi.base}/feed.xml`, every: '1m' }) });
    expect(created.status).toBe(201);
    // Polled at once; the cap limits the first poll to CAP fetches, of which a few get through.
    await waitFor('fetches of both floods under way', async () => articlePaths(hosts.floodApi).length >= 2 && articlePaths(hosts.floodConfig).length >= 2, 30_000, 100);
    const queued = (await articlesOf('flood-api')).filter((row) => row.status === 'pending');
    expect(queued.length).toBeGreaterThan(10);
    expect((await articlesOf('flood-api')).length).toBeLessThanOrEqual(CAP);

    expect((await fetch(`${workdir.apiBase}/v1/sources/flood-api`, { method: 'DELETE', headers: { authorization: `Bearer ${TEST_TOKEN}` } })).status).toBe(204);
    expect((await articlesOf('flood-api')).filter((row) => row.status === 'pending')).toEqual([]);
    // The queue is emptied of them (in the background): none of their jobs is left waiting.
    const connection = new Redis(redis.url, { maxRetriesPerRequest: null });
    const prefix = /prefix: (\S+) \}/.exec(readFileSync(workdir.config, 'utf8'))![1];
    const fetchQueue = new Queue('fetch', { connection, prefix });
    try {
      const queuedIds = new Set(queued.map((row) => row.id));
      await waitFor('the deleted source\'s fetch jobs removed', async () => {
        const jobs = await fetchQueue.getJobs(['waiting', 'delayed', 'prioritized']);
        return !jobs.some((job) => queuedIds.has(job.data.articleId));
      }, 20_000, 250);
    } finally {
      await fetchQueue.close();
      connection.disconnect();
    }

    // The config source is removed from the file; the service restarts with its fetches still queued.
    expect((await articlesOf('flood-config')).filter((row) => row.status === 'pending').length).toBeGreaterThan(10);
    await stopService(service);
    const configAtStop = articlePaths(hosts.floodConfig).length;
    writeFileSync(workdir.config, readFileSync(workdir.config, 'utf8').split('\n').filter((line) => !line.includes('id: flood-config')).join('\n'));
    const afterDeleteApi = articlePaths(hosts.floodApi).length;
    ({ service } = await workdir.start(60_000));
    await waitFor('the restarted service to queue its unfinished work', async () => /unfinished work queued again/.test(service.output()), 20_000, 100);
    expect((await articlesOf('flood-config')).filter((row) => row.status === 'pending')).toEqual([]);

    // Let the restarted service work: the capped feed is polled and its fetches run meanwhile.
    const cappedBefore = articlePaths(hosts.capped).length;
    await waitFor('the restarted service to fetch other sources', async () => articlePaths(hosts.capped).length >= cappedBefore + 20 || (await articlesOf('capped')).every((row) => row.status !== 'pending'), 60_000, 250);
    await waitFor('a poll of another source after the restart', async () => hosts.news.requests.filter((request) => request.path === '/feed.xml').length > 0 && (await sourceState('news')).lastPolledAt, 10_000, 250);
    // Nothing of either flood reached its server after the restart.
    expect(articlePaths(hosts.floodApi).length).toBe(afterDeleteApi);
    expect(articlePaths(hosts.floodConfig).length).toBe(configAtStop);
    expect(service.output()).toMatch(/queued fetches of sources removed from the config dropped/);
  }, 180_000);
});

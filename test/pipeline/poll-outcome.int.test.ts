import { randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Fetcher } from '../../src/fetch/fetcher.js';
import { pollSource } from '../../src/pipeline/poll-source.js';
import type { Database } from '../../src/store/database.js';
import { getArticle, getArticleByCanonicalUrl, insertUnseenArticles, saveFetchedContent } from '../../src/store/article-store.js';
import { migrate } from '../../src/store/migrations.js';
import { deleteSource, getSource, syncConfigSources } from '../../src/store/source-store.js';
import { startPipelineHarness, type PipelineHarness } from '../support/pipeline-harness.js';

/**
 * The discover stage over a real store (PGlite) and a local feed: the cap on items per poll, the
 * outcome recorded only once it is true, one bad item never costing the others, and a deleted
 * source's unfetched articles dropped.
 */
describe('a poll takes a bounded number of items and records its true outcome', () => {
  let harness: PipelineHarness;
  let db: Database;
  let fetcher: Fetcher;
  let server: Server;
  let base = '';
  const feeds: Record<string, () => string> = {};
  const conditional: string[] = [];

  const rss = (items: string) => `<?xml version="1.0"?><rss version="2.0"><channel><title>t</title>${items}</channel></rss>`;

  beforeAll(async () => {
    harness = await startPipelineHarness();
    ({ db, fetcher } = harness);
    server = createServer((request, response) => {
      const path = new URL(request.url ?? '/', 'http://x').pathname;
      if (path === '/robots.txt') return void response.writeHead(404).end();
      const feed = feeds[path];
      if (!feed) return void response.writeHead(404).end();
      if (request.headers['if-none-match']) conditional.push(path);
      if (request.headers['if-none-match'] === '"v1"') return void response.writeHead(304).end();
      response.writeHead(200, { 'content-type': 'application/rss+xml', etag: '"v1"' }).end(feed());
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const address = server.address();
    base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
    // Listed oldest first: the newest first order is the service's.
    feeds['/five.xml'] = () =>
      rss([1, 2, 3, 4, 5].map((day) => `<item><title>Day ${day}</title><link>${base}/news/day-${day}</link><pubDate>${new Date(Date.UTC(2025, 10, day)).toUTCString()}</pubDate></item>`).join(''));
    feeds['/long-url.xml'] = () =>
      rss(`<item><title>Good</title><link>${base}/news/good</link></item><item><title>Long</title><link>${base}/news/${randomBytes(8_000).toString('base64url')}</link></item><item><title>Also good</title><link>${base}/news/also-good</link></item>`);
    feeds['/store-fails.xml'] = () => rss(`<item><title>One</title><link>${base}/news/store-fails-1</link></item>`);
    feeds['/deleted.xml'] = () => rss([1, 2, 3].map((index) => `<item><title>${index}</title><link>${base}/news/deleted-${index}</link></item>`).join(''));
    await syncConfigSources(db, ['five', 'long-url', 'store-fails', 'deleted'].map((id) => ({ id, kind: 'feed' as const, url: `${base}/${id}.xml`, every: '5m' })));
  });

  afterAll(async () => {
    await new Promise((resolve) => server?.close(resolve));
    await harness?.close();
  });

  it('takes the newest items first, keeps no validators while some are left, and keeps them once all are taken', async () => {
    const first = await pollSource(db, fetcher, 'five', { maxItemsPerPoll: 2 });
    expect(first.newArticles.map((article) => article.url.replace(base, ''))).toEqual(expect.arrayContaining(['/news/day-5', '/news/day-4']));
    expect(first.newArticles).toHaveLength(2);
    expect(first.itemsLeft).toBe(3);
    expect((await getSource(db, 'five'))?.etag).toBeNull();

    const second = await pollSource(db, fetcher, 'five', { maxItemsPerPoll: 2 });
    expect(second.newArticles.map((article) => article.url.replace(base, '')).sort()).toEqual(['/news/day-2', '/news/day-3']);
    expect(second.itemsLeft).toBe(1);
    const third = await pollSource(db, fetcher, 'five', { maxItemsPerPoll: 2 });
    expect(third.newArticles.map((article) => article.url.replace(base, ''))).toEqual(['/news/day-1']);
    expect(third.itemsLeft).toBeUndefined();
    expect((await getSource(db, 'five'))?.etag).toBe('"v1"');
    expect(conditional.filter((path) => path === '/five.xml')).toEqual([]);
    expect((await pollSource(db, fetcher, 'five', { maxItemsPerPoll: 2 })).status).toBe('not-modified');
  });

  it('skips an item whose URL is too long for the store, and keeps the others', async () => {
    const outcome = await pollSource(db, fetcher, 'long-url');
    expect(outcome.status).toBe('polled');
    expect(outcome.newArticles.map((article) => article.url.replace(base, '')).sort()).toEqual(['/news/also-good', '/news/good']);
    expect((await getSource(db, 'long-url'))?.lastError).toBeNull();
  });

  it('records a failure to store the items as the outcome of the poll, with no validators kept', async () => {
    // A real store failure: PostgreSQL refuses every new article while this constraint holds.
    await db.query(`alter table articles add constraint test_refuse_new check (canonical_url not like '%store-fails%') not valid`);
    try {
      const outcome = await pollSource(db, fetcher, 'store-fails');
      expect(outcome.status).toBe('failed');
      const source = await getSource(db, 'store-fails');
      expect(source?.lastError).toMatch(/test_refuse_new/);
      expect(source?.consecutiveFailures).toBe(1);
      expect(source?.lastSuccessAt).toBeNull();
      expect(source?.etag).toBeNull();
    } finally {
      await db.query('alter table articles drop constraint test_refuse_new');
    }
    // Once the store accepts them, the next poll (not a 304: no validators were kept) takes them.
    const source = await getSource(db, 'store-fails');
    const retried = await pollSource(db, fetcher, 'store-fails', { now: new Date(Date.parse(source!.nextPollAt!) + 1) });
    expect(retried.newArticles).toHaveLength(1);
  });

  it('deletes a source with its unfetched articles, keeps the fetched one, and stores nothing more for it', async () => {
    const { newArticles } = await pollSource(db, fetcher, 'deleted');
    expect(newArticles).toHaveLength(3);
    const [fetched, ...unfetched] = newArticles;
    await saveFetchedContent(db, fetched.id, { rawCompressed: Buffer.from('x'), contentType: 'text/html', etag: null, lastModified: null, contentHash: 'h', finalUrl: fetched.url });

    const { deleted, droppedArticleIds } = await deleteSource(db, 'deleted');
    expect(deleted).toBe(true);
    expect(droppedArticleIds.sort()).toEqual(unfetched.map((article) => article.id).sort());
    for (const article of unfetched) expect(await getArticle(db, article.id)).toBeNull();
    expect((await getArticle(db, fetched.id))?.status).toBe('fetched');

    // A poll that was in flight when the source went stores nothing for it.
    const late = await insertUnseenArticles(db, 'deleted', [{ url: `${base}/news/late`, canonicalUrl: `${base}/news/late`, title: null, publishedAt: null }], { onlyWhileSourceExists: true });
    expect(late.inserted).toEqual([]);
    expect(await getArticleByCanonicalUrl(db, `${base}/news/late`)).toBeNull();
    expect(await deleteSource(db, 'deleted')).toEqual({ deleted: false, droppedArticleIds: [] });
  });

  it('clears, once, the unfetched articles that earlier versions left behind deleted sources', async () => {
    const [orphan] = await insertUnseenArticles(db, 'deleted-long-ago', [{ url: `${base}/news/orphan`, canonicalUrl: `${base}/news/orphan`, title: null, publishedAt: null }]).then((result) => result.inserted);
    const [kept] = await insertUnseenArticles(db, 'five', [{ url: `${base}/news/kept`, canonicalUrl: `${base}/news/kept`, title: null, publishedAt: null }]).then((result) => result.inserted);
    await db.query('delete from schema_migrations where id = 4');
    expect(await migrate(db)).toEqual([4]);
    expect(await getArticle(db, orphan.id)).toBeNull();
    expect((await getArticle(db, kept.id))?.status).toBe('pending');
  });
});

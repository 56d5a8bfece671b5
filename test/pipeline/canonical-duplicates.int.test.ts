import { createServer, type Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Fetcher } from '../../src/fetch/fetcher.js';
import { fetchArticle } from '../../src/pipeline/fetch-article.js';
import { pollSource } from '../../src/pipeline/poll-source.js';
import { processArticle } from '../../src/pipeline/process-article.js';
import type { Database } from '../../src/store/database.js';
import { getArticle } from '../../src/store/article-store.js';
import { syncConfigSources } from '../../src/store/source-store.js';
import { startPipelineHarness, type PipelineHarness } from '../support/pipeline-harness.js';

describe('a second URL for the same page (rel=canonical) is a duplicate, not a second article', () => {
  let harness: PipelineHarness;
  let db: Database;
  let fetcher: Fetcher;
  let server: Server;
  let base = '';
  const requested: string[] = [];

  beforeAll(async () => {
    harness = await startPipelineHarness();
    ({ db, fetcher } = harness);
    const story = () => `<!doctype html><html><head><link rel="canonical" href="${base}/world/story?utm_source=x"><title>Story</title></head>
<body><article><h1>Story</h1><p>Officials met on Sunday in Geneva to discuss the plan, and said talks would resume on Monday.</p></article></body></html>`;
    server = createServer((request, response) => {
      const path = new URL(request.url ?? '/', 'http://x').pathname;
      requested.push(path);
      if (path === '/robots.txt') return void response.writeHead(404).end();
      if (path === '/rss.xml') {
        return void response.writeHead(200, { 'content-type': 'application/rss+xml' }).end(
          `<?xml version="1.0"?><rss version="2.0"><channel><title>t</title>
<item><title>Story</title><link>${base}/world/story</link></item>
<item><title>Story (AMP)</title><link>${base}/amp/world/story</link></item></channel></rss>`,
        );
      }
      if (path === '/world/story' || path === '/amp/world/story') return void response.writeHead(200, { 'content-type': 'text/html' }).end(story());
      response.writeHead(404).end();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const address = server.address();
    base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
    await syncConfigSources(db, [{ id: 'news', kind: 'feed', url: `${base}/rss.xml`, every: '5m' }]);
  });

  afterAll(async () => {
    await new Promise((resolve) => server?.close(resolve));
    await harness?.close();
  });

  it('marks the AMP copy a duplicate of the article and never fetches it again', async () => {
    const { newArticles } = await pollSource(db, fetcher, 'news');
    expect(newArticles).toHaveLength(2);
    const main = newArticles.find((article) => !article.url.includes('/amp/'))!;
    const amp = newArticles.find((article) => article.url.includes('/amp/'))!;
    expect((await fetchArticle(db, fetcher, main.id)).status).toBe('fetched');
    // The page is read once, by the process stage: that is where its rel=canonical is seen.
    expect((await fetchArticle(db, fetcher, amp.id)).status).toBe('fetched');
    const duplicate = await processArticle(db, amp.id);
    expect(duplicate.status).toBe('duplicate');
    expect(duplicate.createdEventIds).toEqual([]);
    expect((await getArticle(db, amp.id))?.status).toBe('duplicate');
    expect((await getArticle(db, main.id))?.status).toBe('fetched');
    expect((await processArticle(db, main.id)).status).toBe('processed');
    expect((await getArticle(db, main.id))?.status).toBe('processed');
    const { rows } = await db.query<{ count: number }>('select count(*)::int as count from event_mentions');
    expect(rows[0].count).toBeGreaterThan(0);
    const { rows: fromCopy } = await db.query<{ count: number }>('select count(*)::int as count from event_mentions where article_id = $1', [amp.id]);
    expect(fromCopy[0].count).toBe(0);

    const again = await pollSource(db, fetcher, 'news');
    expect(again.newArticles).toEqual([]);
  });
});

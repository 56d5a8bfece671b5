import { createServer, type Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Fetcher } from '../../src/fetch/fetcher.js';
import { fetchArticle } from '../../src/pipeline/fetch-article.js';
import { pollSource } from '../../src/pipeline/poll-source.js';
import { processArticle } from '../../src/pipeline/process-article.js';
import type { Database } from '../../src/store/database.js';
import { contentHash, pageTextForHash } from '../../src/sources/content-revision.js';
import { getArticle } from '../../src/store/article-store.js';
import { listEvents } from '../../src/store/event-store.js';
import { syncConfigSources } from '../../src/store/source-store.js';
import { upsertWebhook } from '../../src/store/webhook-store.js';
import { startPipelineHarness, type PipelineHarness } from '../support/pipeline-harness.js';

const PARAGRAPHS = [
  'Ukrainian and US officials met in Geneva on Sunday to discuss a peace plan drafted by Washington, officials said.',
  'The delegations agreed to keep working on the points of the plan, according to a joint statement released after the talks.',
  'European leaders said they would present a counter-proposal, and diplomats expected further meetings in the coming days.',
];
const UPDATE = 'Ukraine\'s president said on Monday that he would travel to Washington next week to meet President Donald Trump.';

function page(paragraphs: string[]): string {
  return `<!doctype html><html lang="en"><head><title>Talks in Geneva</title>
<meta property="article:published_time" content="2025-11-24T09:00:00Z"></head>
<body><nav><a href="/">Home</a> <a href="/world">World</a></nav>
<article><h1>Talks in Geneva</h1>${paragraphs.map((text) => `<p>${text}</p>`).join('\n')}</article>
<footer>© 2025 Example News</footer></body></html>`;
}

describe('an item whose content changed under the same URL becomes a new revision', () => {
  let harness: PipelineHarness;
  let db: Database;
  let fetcher: Fetcher;
  let server: Server;
  let base = '';
  let paragraphs = [...PARAGRAPHS];
  let updated = '2025-11-24T09:00:00Z';

  beforeAll(async () => {
    harness = await startPipelineHarness();
    ({ db, fetcher } = harness);
    server = createServer((request, response) => {
      if (request.url === '/robots.txt') return void response.writeHead(404).end();
      if (request.url === '/feed.xml') {
        return void response.writeHead(200, { 'content-type': 'application/atom+xml' }).end(
          `<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><title>t</title><id>urn:t</id><updated>${updated}</updated>
<entry><title>Talks in Geneva</title><id>urn:talks</id><link href="${base}/world/talks-in-geneva"/><updated>${updated}</updated></entry></feed>`,
        );
      }
      if (request.url === '/world/talks-in-geneva') return void response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(page(paragraphs));
      response.writeHead(404).end();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const address = server.address();
    base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
    await syncConfigSources(db, [{ id: 'geneva', kind: 'feed', url: `${base}/feed.xml`, every: '5m' }]);
    await upsertWebhook(db, { id: 'desk', url: 'http://127.0.0.1:9/hook', secret: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw' }, 'config');
  });

  afterAll(async () => {
    await new Promise((resolve) => server?.close(resolve));
    await harness?.close();
  });

  it('fetches a changed item again, keeps one article at revision 2, and adds only the new event', async () => {
    const first = await pollSource(db, fetcher, 'geneva');
    expect(first.newArticles).toHaveLength(1);
    const articleId = first.newArticles[0].id;
    expect((await fetchArticle(db, fetcher, articleId)).status).toBe('fetched');
    const processed = await processArticle(db, articleId);
    expect(processed.createdEventIds.length).toBeGreaterThan(0);
    const eventsBefore = (await listEvents(db, { limit: 100 })).events;

    // Unchanged: polling again finds nothing new and nothing changed.
    const again = await pollSource(db, fetcher, 'geneva');
    expect(again.newArticles).toEqual([]);
    expect(again.changedArticles).toEqual([]);

    // The outlet updates the story under the same URL and says so in its feed.
    paragraphs = [...PARAGRAPHS, UPDATE];
    updated = new Date(Date.now() + 60_000).toISOString();
    const changed = await pollSource(db, fetcher, 'geneva');
    expect(changed.newArticles).toEqual([]);
    expect(changed.changedArticles.map((article) => article.id)).toEqual([articleId]);
    const refetch = await fetchArticle(db, fetcher, articleId);
    expect(refetch).toMatchObject({ status: 'fetched', revision: 2 });
    const reprocessed = await processArticle(db, articleId);
    expect((await getArticle(db, articleId))?.revision).toBe(2);
    const eventsAfter = (await listEvents(db, { limit: 100 })).events;
    // The old events are still one each; the update brought its own.
    expect(reprocessed.createdEventIds.length).toBeGreaterThan(0);
    expect(eventsAfter.length).toBe(eventsBefore.length + reprocessed.createdEventIds.length);
    expect(eventsAfter.some((event) => event.sentence.includes('travel to Washington'))).toBe(true);
    const { rows } = await db.query<{ count: number }>('select count(*)::int as count from articles');
    expect(rows[0].count).toBe(1);

    // The same content fetched once more is no new revision.
    expect(await fetchArticle(db, fetcher, articleId)).toMatchObject({ status: 'unchanged', revision: 2 });
  });

  it('compares a refetch with a revision hashed by an earlier version in that version\'s scheme', async () => {
    const { rows } = await db.query<{ id: string; content_hash: string }>('select id, content_hash from articles');
    expect(rows[0].content_hash).toMatch(/^text-sha256:/);
    // A store written before the process stage hashed pages kept `sha256:` over the page's text.
    await db.query('update articles set content_hash = $2 where id = $1', [rows[0].id, contentHash(pageTextForHash(page(paragraphs)))]);
    expect(await fetchArticle(db, fetcher, rows[0].id)).toMatchObject({ status: 'unchanged', revision: 2 });
    paragraphs = [...PARAGRAPHS];
    expect(await fetchArticle(db, fetcher, rows[0].id)).toMatchObject({ status: 'fetched', revision: 3 });
  });
});

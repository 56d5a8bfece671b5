import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config.js';
import { Fetcher } from '../../src/fetch/fetcher.js';
import { ingestUrl } from '../../src/pipeline/ingest-url.js';
import { getArticle } from '../../src/store/article-store.js';
import { loadSeedPages, startNewsSite, type NewsSite } from '../support/news-site.js';
import { startPipelineHarness, type PipelineHarness } from '../support/pipeline-harness.js';

/**
 * One-URL ingest against a news site on 127.0.0.1: the page is nobody's source, so it is
 * fetched only where private addresses are allowed. Nothing here leaves the loopback address.
 */
describe('ingestUrl', () => {
  let harness: PipelineHarness;
  let site: NewsSite;
  let guarded: Fetcher;
  let open: Fetcher;
  const [page] = loadSeedPages();

  beforeAll(async () => {
    harness = await startPipelineHarness();
    site = await startNewsSite([page]);
    const config = parseConfig({ fetch: { perHost: { rps: 50, concurrency: 4 } } }, {}).fetch;
    const keyPrefix = harness.redis.prefix();
    guarded = new Fetcher(config, { redis: harness.connection, keyPrefix, allowPrivateNetworks: false });
    open = new Fetcher(config, { redis: harness.connection, keyPrefix, allowPrivateNetworks: true });
  });
  afterAll(async () => {
    await guarded?.close();
    await open?.close();
    await site?.close();
    await harness?.close();
  });

  it('refuses a private address unless security.allowPrivateNetworks, without sending anything', async () => {
    const result = await ingestUrl(harness.db, guarded, `${site.base}${page.path}`);
    expect(result.status).toBe('failed');
    expect(result.error?.code).toMatch(/PRIVATE|ADDRESS|BLOCKED|NOT_PUBLIC/);
    expect(result.events).toEqual([]);
    expect(site.requests).toHaveLength(0);
  });

  it('fetches, processes and stores the page, listing its events; a second ingest adds nothing', async () => {
    const url = `${site.base}${page.path}?utm_source=newsletter`;
    const first = await ingestUrl(harness.db, open, url);
    expect(first.status).toBe('processed');
    expect(first.events.length).toBeGreaterThan(0);
    expect(first.createdEventIds.length).toBe(first.events.length);
    for (const event of first.events) expect(event.sources.map((source) => source.articleId)).toContain(first.articleId);
    const article = await getArticle(harness.db, first.articleId!);
    expect(article).toMatchObject({ status: 'processed', sourceId: null, canonicalUrl: `${site.base}${page.path}` });
    // robots.txt was asked first, as for any article.
    expect(site.requests.map((request) => request.path)).toEqual(['/robots.txt', page.path]);

    const again = await ingestUrl(harness.db, open, `${site.base}${page.path}`);
    expect(again.articleId).toBe(first.articleId);
    expect(again.createdEventIds).toEqual([]);
    expect(again.events.map((event) => event.id).sort()).toEqual(first.events.map((event) => event.id).sort());
  });

  it('reports a page that is not there as failed, with the HTTP code', async () => {
    const result = await ingestUrl(harness.db, open, `${site.base}/no/such/page`);
    expect(result).toMatchObject({ status: 'failed', error: { code: expect.stringMatching(/404/) } });
  });
});

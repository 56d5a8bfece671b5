import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { request } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT, runCli, waitFor, type RunningCli } from '../support/cli.js';
import { atomProblems } from '../support/atom-rules.js';
import { loadSeedPages, startNewsSite, type NewsSite, type SeedPage } from '../support/news-site.js';
import { startTestRedis, type TestRedis } from '../support/redis.js';
import { createServiceWorkdir, stopService, TEST_SECRET, TEST_TOKEN, type ServiceWorkdir } from '../support/service-workdir.js';
import { startWebhookReceiver, type WebhookReceiver } from '../support/webhook-receiver.js';

/**
 * What a person meets every day, through `chronicle start` on the seed news site: search by
 * words, source links without tracking, one-URL ingest, the feeds of events.
 *
 * The site's RSS feed lists three of the five seed pages (with `?utm_source=rss`); the other two
 * are served but listed nowhere, for `ingest`.
 */

interface ApiSource {
  url: string;
  site: string | null;
  title: string | null;
  articleId: string;
  publishedAt: string | null;
}
interface ApiEvent {
  id: string;
  date: string;
  summary: string;
  sentence: string;
  sources: ApiSource[];
}

describe('the everyday surface, through chronicle start', () => {
  let redis: TestRedis;
  let site: NewsSite;
  let receiver: WebhookReceiver;
  let filtered: WebhookReceiver;
  let workdir: ServiceWorkdir;
  let pages: SeedPage[];
  let service: RunningCli | undefined;
  const api = (path: string, init?: RequestInit) => workdir.api(path, init);
  const search = async (q: string): Promise<ApiEvent[]> => (await api(`/v1/events?limit=100&q=${encodeURIComponent(q)}`)).body.events;

  beforeAll(async () => {
    pages = loadSeedPages();
    redis = await startTestRedis();
    site = await startNewsSite(pages, 3);
    receiver = await startWebhookReceiver(TEST_SECRET);
    filtered = await startWebhookReceiver(TEST_SECRET);
    workdir = await createServiceWorkdir({
      name: 'surface',
      redis,
      lines: [
        'fetch: { timeoutMs: 5000, perHost: { concurrency: 4, rps: 20 } }',
        // The site is on 127.0.0.1 and an ingested page is nobody's source: allowed here only.
        'security: { allowPrivateNetworks: true }',
        'sources:',
        `  - { id: world-rss, kind: feed, url: "${site.base}/rss.xml", every: 1h }`,
        'webhooks:',
        `  - { id: desk, url: "${receiver.url}", secret: ${TEST_SECRET} }`,
        `  - { id: occurred-world, url: "${filtered.url}", secret: ${TEST_SECRET}, filter: { sources: [world-rss], modalities: [occurred] } }`,
      ],
    });
    ({ service } = await workdir.start(60_000));
    await waitFor('the three listed articles processed', async () => (await api('/v1/articles?status=processed&limit=100')).body.articles.length === 3, 60_000, 500);
  }, 150_000);

  afterAll(async () => {
    await stopService(service);
    await site?.close();
    await receiver?.close();
    await filtered?.close();
    await redis?.stop();
    workdir?.remove();
  });

  describe('search by words', () => {
    it('finds the Geneva talks by words in any order, and reads "phrases" and -exclusions', async () => {
      const geneva = await search('Geneva talks');
      expect(geneva.some((event) => /talks in Geneva on Sunday/.test(event.sentence))).toBe(true);
      expect((await search('talks Geneva')).map((event) => event.id)).toEqual(geneva.map((event) => event.id));

      const plan = await search('"peace plan"');
      expect(plan.length).toBeGreaterThan(0);
      const withoutCrimea = await search('"peace plan" -crimea');
      expect(withoutCrimea.length).toBeGreaterThan(0);
      for (const event of withoutCrimea) expect(`${event.summary} ${event.sentence}`.toLowerCase()).not.toContain('crimea');
      expect(withoutCrimea.length).toBeLessThanOrEqual(plan.length);
    });

    it('searches the titles of the articles too, and the timeline page uses the same search', async () => {
      const [article] = (await api('/v1/articles?status=processed&limit=1')).body.articles as { id: string; title: string }[];
      const word = article.title.split(/\s+/).find((each) => /^[A-Za-z]{6,}$/.test(each))!;
      const found = await search(word);
      expect(found.some((event) => event.sources.some((source) => source.articleId === article.id))).toBe(true);

      const page = await fetch(`${workdir.apiBase}/?q=${encodeURIComponent('Geneva talks')}`, { headers: { authorization: `Bearer ${TEST_TOKEN}` } });
      expect(page.status).toBe(200);
      expect(await page.text()).toMatch(/talks in Geneva|Geneva/);
    });
  });

  describe('event sources', () => {
    it('link the canonical URL (no utm_*), with the article id and title, in the API, the webhooks and the page', async () => {
      const events: ApiEvent[] = (await api('/v1/events?limit=100')).body.events;
      expect(events.length).toBeGreaterThan(0);
      const sources = events.flatMap((event) => event.sources);
      for (const source of sources) {
        expect(source.url).not.toContain('utm_');
        expect(source.articleId).toMatch(/^art_/);
        expect(source.title).toBeTruthy();
      }
      const articles = (await api('/v1/articles?limit=100')).body.articles as { id: string; title: string; url: string; canonicalUrl: string }[];
      const byId = new Map(articles.map((article) => [article.id, article]));
      for (const source of sources) {
        expect(source.url).toBe(byId.get(source.articleId)?.canonicalUrl);
        expect(source.title).toBe(byId.get(source.articleId)?.title);
      }

      await waitFor('a webhook', async () => receiver.received.length > 0, 30_000);
      for (const hook of receiver.received) {
        for (const source of hook.payload.data.sources as ApiSource[]) {
          expect(source.url).not.toContain('utm_');
          expect(source.articleId).toMatch(/^art_/);
          expect(source.title).toBeTruthy();
        }
      }

      const html = await (await fetch(`${workdir.apiBase}/`, { headers: { authorization: `Bearer ${TEST_TOKEN}` } })).text();
      expect(html).not.toContain('utm_');
      const [first] = sources;
      const escaped = first.title!.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
      expect(html).toContain(`— ${escaped}`);
    });
  });

  describe('one-URL ingest', () => {
    it('chronicle ingest URL --wait fetches, processes and stores a page no source lists, printing its events', async () => {
      const page = pages[3];
      const before = site.requests.filter((request) => request.path === page.path).length;
      expect(before).toBe(0);
      const run = await runCli(['ingest', `${site.base}${page.path}?utm_source=x`, '--wait', '--config', workdir.config], { cwd: workdir.dir, timeoutMs: 60_000 });
      expect(run.code).toBe(0);
      const lines = run.output.trim().split('\n').filter((line) => line.startsWith('{"url"')).map((line) => JSON.parse(line));
      expect(lines).toHaveLength(1);
      expect(lines[0]).toMatchObject({ url: `${site.base}${page.path}?utm_source=x`, status: 'processed', articleId: expect.stringMatching(/^art_/) });
      expect(lines[0].events.length).toBeGreaterThan(0);
      expect(lines[0].events[0].sources.map((source: ApiSource) => source.url)).toContain(`${site.base}${page.path}`);
      expect(site.requests.filter((request) => request.path === page.path)).toHaveLength(1);
      // Stored: the API knows the article and its events.
      const { body: article } = await api(`/v1/articles/${lines[0].articleId}`);
      expect(article).toMatchObject({ status: 'processed', sourceId: null });
      const { body: event } = await api(`/v1/events/${lines[0].events[0].id}`);
      expect(event.id).toBe(lines[0].events[0].id);
    }, 90_000);

    it('POST /v1/ingest {url} queues the same job; GET /v1/ingest/:jobId shows the events found', async () => {
      const page = pages[4];
      const { status, body } = await api('/v1/ingest', { method: 'POST', body: JSON.stringify({ url: `${site.base}${page.path}` }) });
      expect(status).toBe(202);
      const job = await waitFor('the ingest job to complete', async () => {
        const { body: state } = await api(`/v1/ingest/${body.jobId}`);
        return state.state === 'completed' ? state : null;
      }, 60_000, 300);
      expect(job.result.urls).toHaveLength(1);
      expect(job.result.urls[0]).toMatchObject({ status: 'processed', url: `${site.base}${page.path}` });
      expect(job.result.urls[0].events.length).toBeGreaterThan(0);

      expect((await api('/v1/ingest', { method: 'POST', body: JSON.stringify({ url: 'ftp://example.org/x' }) })).body).toMatchObject({ field: 'url' });
      expect((await api('/v1/ingest', { method: 'POST', body: JSON.stringify({ url: `${site.base}/x`, colour: 'red' }) })).status).toBe(400);
      expect((await api('/v1/ingest/no-such-job')).status).toBe(404);
    }, 90_000);

    it('exits 1 when a page failed and 2 on a bad URL, before queueing anything', async () => {
      const missing = await runCli(['ingest', `${site.base}/no/such/page`, '--wait', '--config', workdir.config], { cwd: workdir.dir, timeoutMs: 60_000 });
      expect(missing.code).toBe(1);
      expect(JSON.parse(missing.output.trim().split('\n').at(-1)!)).toMatchObject({ status: 'failed', error: { code: expect.stringMatching(/404/) } });
      const bad = await runCli(['ingest', 'not-a-url', '--config', workdir.config], { cwd: workdir.dir });
      expect(bad.code).toBe(2);
      expect(bad.output).toContain('not-a-url');
    }, 90_000);
  });

  describe('CLI consistency', () => {
    it('--version on its own and after any command', async () => {
      const { version } = JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8'));
      for (const args of [['--version'], ['extract', '--version'], ['reingest', '--version']]) {
        const run = await runCli(args, { cwd: workdir.dir });
        expect(run.code, args.join(' ')).toBe(0);
        expect(run.output.trim()).toBe(`chronicle ${version}`);
      }
    });

    it('reingest refuses an unknown source or URL (exit 1, one line saying why)', async () => {
      const source = await runCli(['reingest', '--source', 'nope', '--wait', '--config', workdir.config], { cwd: workdir.dir, timeoutMs: 60_000 });
      expect(source.code, source.output).toBe(1);
      expect(source.output).toContain('no source nope');
      expect(source.output).not.toMatch(/\n\s+at /);
      const url = await runCli(['reingest', '--url', `${site.base}/never/seen`, '--wait', '--config', workdir.config], { cwd: workdir.dir, timeoutMs: 60_000 });
      expect(url.code, url.output).toBe(1);
      expect(url.output).toContain('chronicle ingest');
      const known = await runCli(['reingest', '--source', 'world-rss', '--wait', '--config', workdir.config], { cwd: workdir.dir, timeoutMs: 60_000 });
      expect(known.code, known.output).toBe(0);
      expect(JSON.parse(known.output.trim().split('\n').at(-1)!)).toMatchObject({ state: 'completed', total: 3, done: 3 });
    }, 150_000);
  });

  describe('start-up log', () => {
    it('one JSON line (not a terminal) with the page, /docs and /admin/queues URLs and the counts', async () => {
      const started = service!
        .output()
        .split('\n')
        .filter((line) => line.startsWith('{'))
        .map((line) => JSON.parse(line))
        .filter((entry) => String(entry.msg).startsWith('chronicle started'));
      expect(started).toHaveLength(1);
      expect(started[0]).toMatchObject({ timeline: `${workdir.apiBase}/`, docs: `${workdir.apiBase}/docs`, queues: `${workdir.apiBase}/admin/queues`, sources: 1, webhooks: 2 });
      expect(started[0].msg).toContain('1 source, 2 webhooks');
      expect(service!.output()).not.toContain('no source configured');
    });
  });

  describe('feeds of the events', () => {
    it('GET /v1/events.atom (RFC 4287) and /v1/events.json (JSON Feed 1.1) with the filters of /v1/events, token in the URL', async () => {
      const atom = await fetch(`${workdir.apiBase}/v1/events.atom?q=${encodeURIComponent('Geneva talks')}&token=${TEST_TOKEN}`);
      expect(atom.status).toBe(200);
      const text = await atom.text();
      expect(atomProblems(text)).toEqual([]);
      expect(text).toContain('Geneva');
      const json = await (await fetch(`${workdir.apiBase}/v1/events.json?token=${TEST_TOKEN}`)).json();
      const { body } = await api('/v1/events?order=date');
      expect(json.items.map((item: { id: string }) => item.id)).toEqual(body.events.map((event: ApiEvent) => event.id));
    });
  });

  describe('compression', () => {
    it('answers a page of events gzip-compressed when asked, decoding to the same JSON', async () => {
      // undici's request hands back the bytes as sent (fetch would decode them).
      const response = await request(`${workdir.apiBase}/v1/events?limit=100`, { headers: { authorization: `Bearer ${TEST_TOKEN}`, 'accept-encoding': 'gzip' } });
      const bytes = Buffer.from(await response.body.arrayBuffer());
      expect(response.statusCode).toBe(200);
      expect(response.headers['content-encoding']).toBe('gzip');
      expect(String(response.headers.vary).toLowerCase()).toContain('accept-encoding');
      expect(JSON.parse(gunzipSync(bytes).toString('utf8'))).toEqual((await api('/v1/events?limit=100')).body);
    });
  });

  describe('webhook filters', () => {
    it('an endpoint filtered by sources and modalities gets exactly the deliveries whose event holds the filter', async () => {
      type Hook = { payload: { type: string; data: { id: string; modality?: string; sources: { sourceId?: string | null }[] } } };
      const key = (hook: Hook) => `${hook.payload.type} ${hook.payload.data.id}`;
      const holds = (hook: Hook) => hook.payload.data.modality === 'occurred' && hook.payload.data.sources.some((source) => source.sourceId === 'world-rss');
      await waitFor('the deliveries to settle on both endpoints', async () => {
        const expected = (receiver.received as unknown as Hook[]).filter(holds).map(key).sort();
        const got = (filtered.received as unknown as Hook[]).map(key).sort();
        return expected.length > 0 && JSON.stringify(got) === JSON.stringify(expected);
      }, 30_000, 500);
      // Some deliveries were left out: the filter filters.
      expect(filtered.received.length).toBeLessThan(receiver.received.length);
      expect(filtered.received.every((hook) => hook.verified)).toBe(true);
    });
  });

  describe('the timeline page', () => {
    it('signs in once with the form (a cookie, clean URLs), filters, and serves the live fragment', async () => {
      const signIn = await fetch(`${workdir.apiBase}/sign-in`, { method: 'POST', body: new URLSearchParams({ token: TEST_TOKEN }), redirect: 'manual' });
      expect(signIn.status).toBe(303);
      const cookie = (signIn.headers.get('set-cookie') ?? '').split(';')[0];
      expect(cookie).toMatch(/^chronicle_session=/);
      const html = await (await fetch(`${workdir.apiBase}/?source=world-rss&q=${encodeURIComponent('Geneva talks')}`, { headers: { cookie } })).text();
      expect(html).toContain('talks in Geneva');
      expect(html).toContain('<option value="world-rss" selected>');
      const fragment = await fetch(`${workdir.apiBase}/timeline/new?after=1970-01-01T00:00:00.000Z`, { headers: { cookie } });
      expect(fragment.status).toBe(200);
      expect(await fragment.text()).toContain('<article class="event"');
      expect((await fetch(`${workdir.apiBase}/timeline/new?after=1970-01-01T00:00:00.000Z`)).status).toBe(401);
    });
  });

  describe('metrics', () => {
    it('shows stage durations, delivery outcomes and HTTP requests of the running service', async () => {
      const body = await (await fetch(`${workdir.apiBase}/metrics`, { headers: { authorization: `Bearer ${TEST_TOKEN}` } })).text();
      for (const stage of ['discover', 'fetch', 'process', 'notify']) expect(body).toMatch(new RegExp(`chronicle_stage_duration_seconds\\{stage="${stage}",quantile="0.5"\\} \\d`));
      expect(body).toMatch(/chronicle_webhook_delivery_attempts_total\{outcome="succeeded"\} [1-9]/);
      expect(body).toMatch(/chronicle_webhook_delivery_duration_seconds_count [1-9]/);
      expect(body).toMatch(/chronicle_http_requests_total\{method="GET",route="\/v1\/events",status="200"\} [1-9]/);
    });
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { waitFor, type RunningCli } from '../support/cli.js';
import { loadSeedPages, startNewsSite, type NewsSite } from '../support/news-site.js';
import { startTestRedis, type TestRedis } from '../support/redis.js';
import { createServiceWorkdir, TEST_SECRET, type ServiceWorkdir } from '../support/service-workdir.js';
import { startWebhookReceiver, type WebhookReceiver } from '../support/webhook-receiver.js';

describe('a process killed mid-work loses nothing', () => {
  let redis: TestRedis;
  let site: NewsSite;
  let receiver: WebhookReceiver;
  let workdir: ServiceWorkdir;
  let service: RunningCli | undefined;
  const pages = loadSeedPages();
  const api = async (path: string) => (await workdir.api(path)).body;
  const start = async () => {
    ({ service } = await workdir.start(30_000));
  };

  beforeAll(async () => {
    redis = await startTestRedis();
    site = await startNewsSite(pages);
    receiver = await startWebhookReceiver(TEST_SECRET);
    workdir = await createServiceWorkdir({
      name: 'crash',
      redis,
      lines: [
        // One article a second, so that the kill lands while articles are still being fetched.
        'fetch: { timeoutMs: 5000, perHost: { concurrency: 1, rps: 1 } }',
        'sources:',
        `  - { id: world-rss, kind: feed, url: "${site.base}/rss.xml", every: 1h }`,
        `  - { id: europe-atom, kind: feed, url: "${site.base}/atom.xml", every: 1h }`,
        'webhooks:',
        `  - { id: desk, url: "${receiver.url}", secret: ${TEST_SECRET} }`,
      ],
    });
  });

  afterAll(async () => {
    if (service && service.child.exitCode === null) service.child.kill('SIGKILL');
    await site?.close();
    await receiver?.close();
    await redis?.stop();
    workdir?.remove();
  });

  it('finishes every article and sends each event.created once after a SIGKILL and a restart', async () => {
    await start();
    const articlePaths = new Set(pages.map((page) => page.path));
    await waitFor('the first article fetched', async () => site.requests.some((request) => articlePaths.has(request.path)), 30_000, 20);
    service!.child.kill('SIGKILL');
    await service!.exited;
    const fetchedBeforeKill = site.requests.filter((request) => articlePaths.has(request.path)).length;
    expect(fetchedBeforeKill).toBeLessThan(5);

    await start();
    // Stalled jobs of the dead process come back after BullMQ's lock expires (30 s by default).
    const articles = await waitFor('all five articles processed', async () => {
      const { articles: found } = await api('/v1/articles?status=processed&limit=100');
      return found.length === 5 ? found : null;
    }, 90_000, 500);
    expect(articles).toHaveLength(5);
    const { events } = await api('/v1/events?limit=500');
    expect(events.length).toBeGreaterThan(10);
    await new Promise((resolve) => setTimeout(resolve, 3000));
    const created = receiver.received.filter((hook) => hook.payload.type === 'event.created').map((hook) => hook.payload.data.id);
    expect(created.length).toBeGreaterThan(0);
    expect(new Set(created).size).toBe(created.length);
    service!.child.kill('SIGTERM');
    expect(await service!.exited).toBe(0);
  }, 150_000);
});

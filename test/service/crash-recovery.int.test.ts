import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { waitFor, type RunningCli } from '../support/cli.js';
import { startSeedService, type SeedService } from '../support/seed-service.js';

describe('a process killed mid-work loses nothing', () => {
  let seeds: SeedService;
  let service: RunningCli | undefined;
  const api = async (path: string) => (await seeds.workdir.api(path)).body;
  const start = async () => {
    ({ service } = await seeds.workdir.start(60_000));
  };

  beforeAll(async () => {
    // One article a second, so that the kill lands while articles are still being fetched.
    seeds = await startSeedService({ name: 'crash', fetch: 'fetch: { timeoutMs: 5000, perHost: { concurrency: 1, rps: 1 } }', every: '1h' });
  });
  afterAll(async () => seeds?.close(service));

  it('finishes every article and sends each event.created once after a SIGKILL and a restart', async () => {
    await start();
    const articlePaths = new Set(seeds.pages.map((page) => page.path));
    await waitFor('the first article fetched', async () => seeds.site.requests.some((request) => articlePaths.has(request.path)), 30_000, 20);
    service!.child.kill('SIGKILL');
    await service!.exited;
    const fetchedBeforeKill = seeds.site.requests.filter((request) => articlePaths.has(request.path)).length;
    expect(fetchedBeforeKill).toBeLessThan(5);

    await start();
    // Stalled jobs of the dead process come back after BullMQ's lock expires (30 s by default) and
    // a stalled check of the new process sees it (every 30 s, two passes): up to a minute and a
    // half before the fetches even resume on a loaded machine, so the wait is generous.
    const articles = await waitFor('all five articles processed', async () => {
      const { articles: found } = await api('/v1/articles?status=processed&limit=100');
      return found.length === 5 ? found : null;
    }, 150_000, 500);
    expect(articles).toHaveLength(5);
    const { events } = await api('/v1/events?limit=500');
    expect(events.length).toBeGreaterThan(10);
    await new Promise((resolve) => setTimeout(resolve, 3000));
    const created = seeds.receiver.received.filter((hook) => hook.payload.type === 'event.created').map((hook) => hook.payload.data.id);
    expect(created.length).toBeGreaterThan(0);
    expect(new Set(created).size).toBe(created.length);
    service!.child.kill('SIGTERM');
    expect(await service!.exited).toBe(0);
  }, 220_000);
});

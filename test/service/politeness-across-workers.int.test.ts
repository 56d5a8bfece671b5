import { createServer } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCli, waitFor, type RunningCli } from '../support/cli.js';
import { createTestSchema, postgresUnavailableReason } from '../support/postgres.js';
import { startTestRedis, type TestRedis } from '../support/redis.js';
import { createServiceWorkdir, stopService, type ServiceWorkdir } from '../support/service-workdir.js';

const postgresReason = await postgresUnavailableReason();
if (postgresReason) console.warn(`politeness across worker processes skipped: ${postgresReason}`);

const ARTICLES = 12;

function articlePage(index: number): string {
  return `<!doctype html><html lang="en"><head><title>Story ${index}</title></head><body><article><h1>Story ${index}</h1>
${Array.from({ length: 6 }, (_, p) => `<p>Paragraph ${p} of story ${index}: officials met on Monday to discuss the plan, and said talks would resume next week in Geneva.</p>`).join('\n')}
</article></body></html>`;
}

describe.skipIf(postgresReason !== null)('per-host politeness holds across worker processes (PostgreSQL store, shared Redis)', () => {
  let redis: TestRedis;
  let schema: { url: string; drop: () => Promise<void> };
  let workdir: ServiceWorkdir;
  const processes: RunningCli[] = [];
  const articleRequests: number[] = [];
  let close: () => Promise<void>;

  beforeAll(async () => {
    redis = await startTestRedis();
    schema = await createTestSchema();
    let base = '';
    const server = createServer((request, response) => {
      const path = new URL(request.url ?? '/', 'http://x').pathname;
      if (path === '/robots.txt') return void response.writeHead(404).end();
      if (path === '/feed.xml') {
        const items = Array.from({ length: ARTICLES }, (_, index) => `<item><title>Story ${index}</title><link>${base}/news/story-${index}</link></item>`).join('');
        return void response.writeHead(200, { 'content-type': 'application/rss+xml' }).end(`<?xml version="1.0"?><rss version="2.0"><channel><title>t</title>${items}</channel></rss>`);
      }
      const match = /^\/news\/story-(\d+)$/.exec(path);
      if (!match) return void response.writeHead(404).end();
      articleRequests.push(Date.now());
      // A slow page, so that processes really contend for the host at once.
      setTimeout(() => response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(articlePage(Number(match[1]))), 150);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const address = server.address();
    base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
    close = () => new Promise((resolve) => server.close(() => resolve()));

    workdir = await createServiceWorkdir({
      name: 'polite',
      redis,
      store: schema.url,
      lines: ['fetch: { timeoutMs: 5000, perHost: { concurrency: 4, rps: 2 } }', 'sources:', `  - { id: one-host, kind: feed, url: "${base}/feed.xml", every: 1h }`],
    });
    const { config, dir: cwd } = workdir;
    // Two fetch workers first, so that they are waiting when the scheduler's poll queues the articles.
    processes.push(startCli(['worker', '--queues', 'fetch', '--config', config], { cwd }));
    processes.push(startCli(['worker', '--queues', 'fetch', '--config', config], { cwd }));
    await waitFor('both workers to start', async () => processes.every((worker) => worker.output().includes('chronicle worker started')), 60_000);
    processes.push(startCli(['start', '--config', config], { cwd }));
  });

  afterAll(async () => {
    if (process.env.DEBUG_SERVICE) for (const running of processes) console.log(running.output().slice(-3000));
    await Promise.all(processes.map((running) => stopService(running)));
    await close?.();
    await redis?.stop();
    await schema?.drop();
    workdir?.remove();
  });

  it('never lets the host see more than 2 requests in any second', async () => {
    await waitFor(`all ${ARTICLES} articles fetched`, async () => articleRequests.length >= ARTICLES, 60_000, 200);
    const sorted = [...articleRequests].sort((a, b) => a - b);
    let busiest = 0;
    for (let first = 0; first < sorted.length; first += 1) {
      let last = first;
      while (last + 1 < sorted.length && sorted[last + 1] - sorted[first] < 1000) last += 1;
      busiest = Math.max(busiest, last - first + 1);
    }
    expect(busiest).toBeLessThanOrEqual(2);
    // The limit was shared: more than one process fetched from the host.
    expect(processes.filter((running) => running.output().includes('article fetched')).length).toBeGreaterThanOrEqual(2);
  }, 90_000);
});

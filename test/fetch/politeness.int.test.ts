import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TransientFetchError } from '../../src/errors.js';
import { Fetcher } from '../../src/fetch/fetcher.js';
import { HostPoliteness, rateWindow } from '../../src/fetch/host-politeness.js';
import { startTestRedis, type TestRedis } from '../support/redis.js';
import { maxInAnyWindow, respond, startMisbehavingServer } from './support/misbehaving-server.js';

const run = promisify(execFile);
const FETCH_MANY = fileURLToPath(new URL('./support/fetch-many.ts', import.meta.url));
let testRedis: TestRedis;

beforeAll(async () => {
  testRedis = await startTestRedis();
});

afterAll(async () => {
  await testRedis.stop();
});

describe('per-host politeness across processes', () => {
  it('two worker processes, one host, rps 2: never more than 2 requests in any second', async () => {
    const server = await startMisbehavingServer();
    for (let index = 0; index < 12; index += 1) server.route(`/article-${index}`, respond(200, `<p>article ${index}</p>`));
    const prefix = testRedis.prefix();
    const urls = (from: number) => Array.from({ length: 6 }, (_, index) => `${server.origin}/article-${from + index}`);
    try {
      const started = Date.now();
      const outputs = await Promise.all([0, 6].map((from) => run(process.execPath, ['--import', 'tsx', FETCH_MANY, testRedis.url, prefix, ...urls(from)], { timeout: 40_000 })));
      const results = outputs.flatMap(({ stdout }) => stdout.trim().split('\n').map((line) => JSON.parse(line) as { url: string; status?: number; error?: string }));
      expect(results.filter((result) => result.status !== 200)).toEqual([]);
      expect(results).toHaveLength(12);
      const times = server.requests.map((request) => request.at);
      // Every request to the host counts, robots.txt included.
      expect(server.requests.filter((request) => request.path.startsWith('/article-'))).toHaveLength(12);
      expect(maxInAnyWindow(times, 1000)).toBeLessThanOrEqual(2);
      expect(Date.now() - started).toBeLessThan(30_000);
    } finally {
      await server.close();
    }
  }, 45_000);

  it('holds concurrency across fetchers, and a dead holder loses its slot when the lease ends', async () => {
    const server = await startMisbehavingServer({
      '/slow': (_request, response) => void setTimeout(() => response.writeHead(200, { 'content-type': 'text/plain' }).end('slow'), 300),
    });
    const prefix = testRedis.prefix();
    const clients = [new Redis(testRedis.url), new Redis(testRedis.url)];
    const config = { userAgent: 'chronicle-test/1.0', timeoutMs: 3000, maxBytes: 100_000, maxRedirects: 2, perHost: { concurrency: 2, rps: 100 } };
    const fetchers = clients.map((redis) => new Fetcher(config, { redis, keyPrefix: prefix, allowPrivateNetworks: true }));
    try {
      await Promise.all(Array.from({ length: 8 }, (_, index) => fetchers[index % 2].fetch({ url: `${server.origin}/slow`, ignoreRobots: true })));
      expect(server.inFlight.max).toBe(2);

      const politeness = new HostPoliteness(clients[0], prefix, { concurrency: 1, rps: 100 });
      await politeness.acquire('dead.example', { crawlDelayMs: 0, leaseMs: 400, maxWaitMs: 100 }); // never released
      const busy = await politeness.acquire('dead.example', { crawlDelayMs: 0, leaseMs: 400, maxWaitMs: 100 }).catch((error: TransientFetchError) => error);
      expect(busy).toMatchObject({ code: 'HOST_BUSY' });
      const lease = await politeness.acquire('dead.example', { crawlDelayMs: 0, leaseMs: 400, maxWaitMs: 2000 });
      await lease.release();
    } finally {
      await Promise.all(fetchers.map((fetcher) => fetcher.close()));
      clients.forEach((client) => client.disconnect());
      await server.close();
    }
  });

  it('a Retry-After block is extended by a longer one, never shortened', async () => {
    const redis = new Redis(testRedis.url);
    try {
      const politeness = new HostPoliteness(redis, testRedis.prefix(), { concurrency: 1, rps: 1 });
      await politeness.block('slow.example', 2000);
      await politeness.block('slow.example', 100);
      expect(await politeness.blockedFor('slow.example')).toBeGreaterThan(1500);
      expect(await politeness.blockedFor('other.example')).toBe(0);
      const error = await politeness.acquire('slow.example', { crawlDelayMs: 0, leaseMs: 1000, maxWaitMs: 5000 }).catch((caught: TransientFetchError) => caught);
      expect(error).toMatchObject({ code: 'HOST_BLOCKED' });
    } finally {
      redis.disconnect();
    }
  });

  it('turns rps and crawl-delay into a sliding window', () => {
    expect(rateWindow(2, 0)).toEqual({ limit: 2, windowMs: 1100 });
    expect(rateWindow(1, 0)).toEqual({ limit: 1, windowMs: 1100 });
    expect(rateWindow(1.5, 0)).toEqual({ limit: 1, windowMs: 1100 });
    expect(rateWindow(0.5, 0)).toEqual({ limit: 1, windowMs: 2100 });
    expect(rateWindow(10, 3000)).toEqual({ limit: 1, windowMs: 3100 });
  });
});

import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { freePort } from '../../src/runtime/embedded-redis.js';

export { freePort };

export interface TestRedis {
  url: string;
  /** A queue prefix no other test uses, so that tests never see each other's jobs. */
  prefix: () => string;
  stop: () => Promise<void>;
}

async function waitForPing(url: string, deadlineMs: number): Promise<void> {
  const started = Date.now();
  for (;;) {
    const client = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
    client.on('error', () => {});
    try {
      await client.connect();
      await client.ping();
      return;
    } catch (error) {
      if (Date.now() - started > deadlineMs) throw error;
      await new Promise((resolve) => setTimeout(resolve, 100));
    } finally {
      client.disconnect();
    }
  }
}

/**
 * `REDIS_URL` when given; otherwise a `redis-server` of our own on a free port. With a
 * `password`, always one of our own, started with `--requirepass` (its URL carries the password).
 */
export async function startTestRedis(options: { password?: string } = {}): Promise<TestRedis> {
  const prefix = () => `test-${randomUUID().slice(0, 8)}`;
  if (process.env.REDIS_URL && !options.password) return { url: process.env.REDIS_URL, prefix, stop: async () => {} };
  const port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), 'chronicle-redis-'));
  const auth = options.password ? ['--requirepass', options.password] : [];
  const child: ChildProcess = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', dir, ...auth], {
    stdio: 'ignore',
  });
  const url = options.password ? `redis://:${encodeURIComponent(options.password)}@127.0.0.1:${port}` : `redis://127.0.0.1:${port}`;
  await waitForPing(url, 10_000);
  return {
    url,
    prefix,
    stop: async () => {
      child.kill('SIGTERM');
      await new Promise((resolve) => child.once('exit', resolve));
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

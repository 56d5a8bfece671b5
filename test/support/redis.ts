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
      // One that exited already (killed with its process group, say) sends no 'exit' again.
      if (child.exitCode === null && child.signalCode === null) {
        const exited = new Promise((resolve) => child.once('exit', resolve));
        child.kill('SIGTERM');
        await exited;
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/**
 * A `redis-server` of the test's own that it may stop and start again on the same port (never
 * REDIS_URL's, which others share), with AOF on so that queued jobs survive its restart as they
 * do in production (compose runs Redis with AOF).
 */
export interface OwnRedis extends TestRedis {
  /** SIGTERM (a clean shutdown that writes the AOF) and wait for the exit. */
  halt: () => Promise<void>;
  /** Start it again on the same port and data directory; resolves once it answers PING. */
  resume: () => Promise<void>;
}

export async function startOwnRedis(): Promise<OwnRedis> {
  const prefix = () => `test-${randomUUID().slice(0, 8)}`;
  const port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), 'chronicle-redis-'));
  const url = `redis://127.0.0.1:${port}`;
  let child: ChildProcess | null = null;
  const resume = async () => {
    child = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'yes', '--maxmemory-policy', 'noeviction', '--dir', dir], {
      stdio: 'ignore',
    });
    await waitForPing(url, 10_000);
  };
  const halt = async () => {
    const running = child;
    child = null;
    if (!running || running.exitCode !== null) return;
    const exited = new Promise((resolve) => running.once('exit', resolve));
    running.kill('SIGTERM');
    await exited;
  };
  await resume();
  return {
    url,
    prefix,
    halt,
    resume,
    stop: async () => {
      await halt();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

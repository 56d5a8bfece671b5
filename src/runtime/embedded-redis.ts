import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join, resolve } from 'node:path';
import { Redis } from 'ioredis';
import type { Logger } from 'pino';
import { RedisUnavailableError } from '../errors.js';
import { redactUrl } from '../redact.js';

/** The Redis a default install uses before it looks for a redis-server of its own. */
export const DEFAULT_REDIS_URL = 'redis://127.0.0.1:6379';

/** For commands that talk to a running chronicle (reingest, ingest, worker): they start no Redis. */
export const REDIS_OF_THE_SERVICE =
  'This command talks to a running chronicle through its Redis: start chronicle first (`chronicle start`, ' +
  'or `docker compose up -d redis` where compose runs it), or set REDIS_URL (or redis.url in the config, --config FILE) to the Redis it uses.';

export const REDIS_HOW_TO =
  'chronicle needs Redis. Set REDIS_URL (or redis.url in the config) to a running server, or install one: ' +
  '`apt-get install redis-server` (chronicle then starts it itself), or `docker compose up -d redis`.';

export interface ResolvedRedis {
  url: string;
  /** Set when chronicle started this redis-server itself: stop it on exit. */
  stop?: () => Promise<void>;
}

/** Whether a Redis answers PING at this URL within the timeout. */
export async function redisAnswers(url: string, timeoutMs = 1500): Promise<boolean> {
  const client = new Redis(url, { lazyConnect: true, connectTimeout: timeoutMs, maxRetriesPerRequest: 0, retryStrategy: () => null, enableOfflineQueue: false });
  client.on('error', () => {});
  try {
    await client.connect();
    return (await client.ping()) === 'PONG';
  } catch {
    return false;
  } finally {
    client.disconnect();
  }
}

/**
 * Finds the Redis to use: the configured URL (it must answer); else 127.0.0.1:6379 if it
 * answers; else one this data directory's earlier `chronicle start` runs (so a `chronicle
 * worker` on the same machine joins it); else a `redis-server` from PATH started here, with
 * its data under `<dataDir>/redis` and AOF on, stopped again on exit.
 */
export async function resolveRedis(options: {
  configuredUrl?: string;
  dataDir: string;
  logger?: Logger;
  allowStart: boolean;
  /** Where to look before starting one; DEFAULT_REDIS_URL unless a test says otherwise. */
  defaultUrl?: string;
}): Promise<ResolvedRedis> {
  const defaultUrl = options.defaultUrl ?? DEFAULT_REDIS_URL;
  if (options.configuredUrl) {
    if (await redisAnswers(options.configuredUrl)) return { url: options.configuredUrl };
    throw new RedisUnavailableError(`No Redis answers at ${redactUrl(options.configuredUrl)}. ${options.allowStart ? REDIS_HOW_TO : REDIS_OF_THE_SERVICE}`);
  }
  if (await redisAnswers(defaultUrl)) return { url: defaultUrl };
  const recorded = readRecordedUrl(options.dataDir);
  if (recorded && (await redisAnswers(recorded))) return { url: recorded };
  if (!options.allowStart) throw new RedisUnavailableError(`No Redis answers at ${defaultUrl}. ${REDIS_OF_THE_SERVICE}`);
  if (!hasRedisServer()) throw new RedisUnavailableError(`No Redis answers at ${defaultUrl}. ${REDIS_HOW_TO}`);
  return startRedisServer(options.dataDir, options.logger);
}

function urlFile(dataDir: string): string {
  return join(dataDir, 'redis', 'chronicle-redis.url');
}

function readRecordedUrl(dataDir: string): string | null {
  try {
    return readFileSync(urlFile(dataDir), 'utf8').trim() || null;
  } catch {
    return null;
  }
}

function hasRedisServer(): boolean {
  return spawnSync('redis-server', ['--version'], { stdio: 'ignore' }).status === 0;
}

/** A TCP port on 127.0.0.1 that nothing listens on right now. */
export async function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolvePort(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

async function startRedisServer(dataDir: string, logger?: Logger): Promise<ResolvedRedis> {
  const dir = resolve(dataDir, 'redis');
  mkdirSync(dir, { recursive: true });
  const port = await freePort();
  // AOF so that queued jobs survive a restart; noeviction because BullMQ must never lose keys.
  const child: ChildProcess = spawn(
    'redis-server',
    ['--port', String(port), '--bind', '127.0.0.1', '--dir', dir, '--appendonly', 'yes', '--maxmemory-policy', 'noeviction', '--save', ''],
    { stdio: 'ignore' },
  );
  const url = `redis://127.0.0.1:${port}`;
  const exited = new Promise<void>((done) => child.once('exit', () => done()));
  const deadline = Date.now() + 10_000;
  while (!(await redisAnswers(url, 500))) {
    if (child.exitCode !== null || Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new RedisUnavailableError(`redis-server did not start on port ${port}. ${REDIS_HOW_TO}`);
    }
    await new Promise((wait) => setTimeout(wait, 100));
  }
  writeFileSync(urlFile(dataDir), `${url}\n`);
  logger?.info({ url, dir }, 'started an embedded redis-server');
  return {
    url,
    stop: async () => {
      rmSync(urlFile(dataDir), { force: true });
      if (child.exitCode !== null) return;
      child.kill('SIGTERM');
      await Promise.race([exited, new Promise((wait) => setTimeout(wait, 5000))]);
      if (child.exitCode === null) child.kill('SIGKILL');
    },
  };
}

import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { RedisUnavailableError } from '../../src/errors.js';
import { redisAnswers, resolveRedis } from '../../src/runtime/embedded-redis.js';
import { freePort } from '../support/redis.js';

describe('finding or starting Redis', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'chronicle-redis-data-'));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('refuses a configured Redis that does not answer, saying how to get one', async () => {
    const url = `redis://127.0.0.1:${await freePort()}`;
    await expect(resolveRedis({ configuredUrl: url, dataDir, allowStart: true })).rejects.toThrow(RedisUnavailableError);
    await expect(resolveRedis({ configuredUrl: url, dataDir, allowStart: true })).rejects.toThrow(/apt-get install redis-server/);
  });

  it('starts a redis-server with AOF under the data directory when none answers, and stops it', async () => {
    const deadDefault = `redis://127.0.0.1:${await freePort()}`;
    const redis = await resolveRedis({ dataDir, allowStart: true, defaultUrl: deadDefault });
    try {
      expect(redis.stop).toBeDefined();
      expect(await redisAnswers(redis.url)).toBe(true);
      // A second process on this machine (a `chronicle worker`) finds the same one rather than starting another.
      expect(readFileSync(join(dataDir, 'redis', 'chronicle-redis.url'), 'utf8').trim()).toBe(redis.url);
      const joined = await resolveRedis({ dataDir, allowStart: false, defaultUrl: deadDefault });
      expect(joined).toEqual({ url: redis.url });
      expect(existsSync(join(dataDir, 'redis', 'appendonlydir')) || existsSync(join(dataDir, 'redis', 'appendonly.aof'))).toBe(true);
    } finally {
      await redis.stop?.();
    }
    expect(await redisAnswers(redis.url)).toBe(false);
  });

  it('does not start one when it may not (a worker) and says how to get one', async () => {
    const deadDefault = `redis://127.0.0.1:${await freePort()}`;
    await expect(resolveRedis({ dataDir: join(dataDir, 'other'), allowStart: false, defaultUrl: deadDefault })).rejects.toThrow(/docker compose up -d redis/);
  });
});

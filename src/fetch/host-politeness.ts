import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Redis } from 'ioredis';
import { TransientFetchError } from '../errors.js';
import { RedisScript } from './redis-script.js';

/**
 * Per-host politeness held in Redis, so that it binds every process sharing that Redis (BullMQ's
 * open-source edition has no per-group limit). Three rules, checked in one atomic script:
 *
 *  - blocked: after a 429/503 with Retry-After nothing is sent to the host until that time;
 *    acquire() then throws TransientFetchError('HOST_BLOCKED', {retryAfterMs}) at once instead
 *    of waiting, so a queue worker can park the job (worker.rateLimit / delay) and free its slot.
 *  - concurrency: at most `concurrency` requests in flight, each a lease in a sorted set scored
 *    by its expiry, so a process that dies holding one loses it after `leaseMs`.
 *  - rate: a sliding log of request starts; at most `limit` starts in any `windowMs`.
 *
 * Times come from Redis (TIME), so processes on machines with skewed clocks still agree.
 * Keys share a `{host}` hash tag so the script also runs on Redis Cluster.
 */
const ACQUIRE = new RedisScript(`
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local blocked = tonumber(redis.call('GET', KEYS[3]) or '0')
if blocked > now then return {1, blocked - now} end
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now)
if redis.call('ZCARD', KEYS[1]) >= tonumber(ARGV[1]) then
  local first = redis.call('ZRANGE', KEYS[1], 0, 0, 'WITHSCORES')
  return {2, tonumber(first[2]) - now}
end
local window = tonumber(ARGV[3])
redis.call('ZREMRANGEBYSCORE', KEYS[2], '-inf', now - window)
if redis.call('ZCARD', KEYS[2]) >= tonumber(ARGV[2]) then
  local oldest = redis.call('ZRANGE', KEYS[2], 0, 0, 'WITHSCORES')
  return {3, tonumber(oldest[2]) + window - now}
end
local lease = tonumber(ARGV[4])
redis.call('ZADD', KEYS[1], now + lease, ARGV[5])
redis.call('PEXPIRE', KEYS[1], lease + 1000)
redis.call('ZADD', KEYS[2], now, ARGV[5])
redis.call('PEXPIRE', KEYS[2], window + 1000)
return {0, 0}
`);

const BLOCK = new RedisScript(`
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local ms = tonumber(ARGV[1])
local current = tonumber(redis.call('GET', KEYS[1]) or '0')
if now + ms > current then redis.call('SET', KEYS[1], now + ms, 'PX', ms + 1000) end
return math.max(now + ms, current) - now
`);

/** The sliding window is wider than 1 s by this margin, because the host counts arrivals, not
 * our admissions: a request admitted first but delayed on its way (event loop, GC, connect) by
 * more than the margin could otherwise land in the same second as rps later ones. 100 ms covers
 * a busy worker's pauses at the price of ~10 % of throughput at rps 1. */
const WINDOW_MARGIN_MS = 100;
/** How often a waiter re-asks when every concurrency slot is taken: 50 ms, doubling to 400 ms
 * (plus random jitter), so a crowd of waiters on one host does not turn into a stream of Redis calls. */
const BUSY_POLL_MS = 50;
const BUSY_POLL_MAX_MS = 400;

export interface PerHostLimits {
  concurrency: number;
  rps: number;
}

export interface AcquireOptions {
  /** robots.txt Crawl-delay for this host, in ms (0 when none). */
  crawlDelayMs: number;
  /** Upper bound of the request's duration; the lease expires after it. */
  leaseMs: number;
  /** Give up waiting for a slot after this long: TransientFetchError('HOST_BUSY'). */
  maxWaitMs: number;
}

export interface HostLease {
  release(): Promise<void>;
}

/**
 * rps and crawl-delay as "at most `limit` starts per `windowMs`": rps 2 → 2 per second,
 * rps 0.5 or Crawl-delay: 2 → 1 per 2 s. A fractional rps above 1 rounds down (1.5 → 1 per
 * second), erring on the polite side.
 */
export function rateWindow(rps: number, crawlDelayMs: number): { limit: number; windowMs: number } {
  const spacing = Math.max(1000 / rps, crawlDelayMs);
  if (spacing >= 1000) return { limit: 1, windowMs: Math.ceil(spacing) + WINDOW_MARGIN_MS };
  return { limit: Math.max(1, Math.floor(1000 / spacing)), windowMs: 1000 + WINDOW_MARGIN_MS };
}

export class HostPoliteness {
  constructor(
    private readonly redis: Redis,
    private readonly keyPrefix: string,
    private readonly limits: PerHostLimits,
  ) {}

  private keys(host: string): { leases: string; starts: string; blocked: string } {
    const base = `${this.keyPrefix}:fetch:host:{${host}}`;
    return { leases: `${base}:leases`, starts: `${base}:starts`, blocked: `${base}:blocked` };
  }

  /** Waits for a slot for `host` (an URL's `host`, port included) and returns its lease. */
  async acquire(host: string, options: AcquireOptions): Promise<HostLease> {
    const keys = this.keys(host);
    const { limit, windowMs } = rateWindow(this.limits.rps, options.crawlDelayMs);
    const token = randomUUID();
    const deadline = Date.now() + options.maxWaitMs;
    for (let round = 0; ; round += 1) {
      const [status, waitMs] = (await ACQUIRE.run(this.redis, [keys.leases, keys.starts, keys.blocked], [this.limits.concurrency, limit, windowMs, options.leaseMs, token])) as [number, number];
      if (status === 0) return { release: () => this.release(keys.leases, token) };
      if (status === 1) throw new TransientFetchError('HOST_BLOCKED', `${host} asked us to wait (Retry-After): ${waitMs} ms left`, { retryAfterMs: waitMs });
      // Concurrency full: poll, a lease may end any moment. Rate full: sleep until the oldest start leaves the window.
      const pause = (status === 2 ? Math.min(BUSY_POLL_MS * 2 ** round, BUSY_POLL_MAX_MS) : Math.max(waitMs, 1)) + Math.floor(Math.random() * 25);
      if (Date.now() + pause > deadline) {
        throw new TransientFetchError('HOST_BUSY', `no free request slot for ${host} within ${options.maxWaitMs} ms`, { retryAfterMs: Math.max(pause, 1000) });
      }
      await sleep(pause);
    }
  }

  private async release(leasesKey: string, token: string): Promise<void> {
    await this.redis.zrem(leasesKey, token);
  }

  /** Nothing is sent to `host` for `ms` (extends, never shortens, an existing block). Returns the block left. */
  async block(host: string, ms: number): Promise<number> {
    return Number(await BLOCK.run(this.redis, [this.keys(host).blocked], [Math.max(1, Math.ceil(ms))]));
  }

  /** Milliseconds the host is still blocked for (0 when not). */
  async blockedFor(host: string): Promise<number> {
    const [until, time] = await Promise.all([this.redis.get(this.keys(host).blocked), this.redis.time()]);
    const now = Number(time[0]) * 1000 + Math.floor(Number(time[1]) / 1000);
    return Math.max(0, Number(until ?? 0) - now);
  }
}

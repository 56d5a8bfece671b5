import { Redis } from 'ioredis';
import type { ConnectionState } from './connection-state.js';

/**
 * The two connection policies a process needs, both on the same Redis:
 * - workers': BullMQ requires `maxRetriesPerRequest: null` for blocking commands, and a worker's
 *   writes (a job's result, the next stage's job) should wait for Redis to come back, not fail;
 * - the API's: a request must not hang while Redis is down. No offline queue (a command sent
 *   while disconnected fails at once), no retries of a command in flight when the connection
 *   drops, and a command timeout for a connection that looks up but does not answer. BullMQ
 *   allows this for a Queue, which never blocks.
 */

/** Longest an API request waits for one Redis command (below the usual 5 s client timeouts). */
export const API_REDIS_COMMAND_TIMEOUT_MS = 3_000;

export function createWorkerRedis(url: string): Redis {
  return new Redis(url, { maxRetriesPerRequest: null });
}

export function createApiRedis(url: string): Redis {
  return new Redis(url, { maxRetriesPerRequest: 0, enableOfflineQueue: false, commandTimeout: API_REDIS_COMMAND_TIMEOUT_MS });
}

/**
 * Routes every Redis error of a process to one state tracker. The workers' shared connection is
 * the judge of "up": its 'ready' marks Redis up, and a connection error from any other client
 * (a worker's blocking connection, the API's, a queue's view) counts only while that one is not
 * ready either, so that a late retry of another client does not log Redis down again after it
 * came back. Other errors go to `onOther`.
 */
export function trackRedis(judge: Redis, state: ConnectionState, onOther: (error: Error) => void): (error: Error) => void {
  const report = (error: Error) => {
    if (!isRedisConnectionError(error)) onOther(error);
    else if (judge.status !== 'ready') state.down(error);
  };
  judge.on('error', report);
  judge.on('ready', () => state.up());
  return report;
}

/**
 * Whether an error from BullMQ or ioredis is about the connection (lost, refused, not ready,
 * a restarted server still loading its data) rather than about a command.
 */
export function isRedisConnectionError(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string' && ['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND', 'EAI_AGAIN'].includes(code)) return true;
  return isRedisClientRefusal(error);
}

/**
 * ioredis's own words for "this command was not run because the connection is not there": what
 * a fail-fast client (createApiRedis) answers while Redis is down. By message, because ioredis
 * gives these errors no code; socket codes alone (ECONNREFUSED) could come from anything.
 */
export function isRedisClientRefusal(error: unknown): boolean {
  return error instanceof Error && /Connection is closed|Stream isn't writeable|enableOfflineQueue|Reached the max retries per request|Command timed out|^LOADING\b/.test(error.message);
}

import { Writable } from 'node:stream';
import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { ConnectionState } from '../../src/runtime/connection-state.js';
import { isRedisClientRefusal, isRedisConnectionError } from '../../src/runtime/redis-clients.js';

function memoryLogger() {
  const lines: { level: number; msg: string; dependency?: string; downMs?: number }[] = [];
  const stream = new Writable({
    write(chunk, _encoding, done) {
      lines.push(JSON.parse(String(chunk)));
      done();
    },
  });
  return { logger: pino({ level: 'info' }, stream), lines };
}

const refused = () => Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:6379'), { code: 'ECONNREFUSED' });
const flush = () => new Promise((resolve) => setImmediate(resolve));

describe('ConnectionState: one log line per change of state', () => {
  it('logs the first error after up and the first success after down, nothing in between', async () => {
    const { logger, lines } = memoryLogger();
    const state = new ConnectionState('redis', logger);
    state.up();
    for (let attempt = 0; attempt < 200; attempt += 1) state.down(refused());
    expect(state.isUp).toBe(false);
    expect(state.lastError).toBe('connect ECONNREFUSED 127.0.0.1:6379');
    for (let ready = 0; ready < 5; ready += 1) state.up();
    state.down(refused());
    state.up();
    await flush();
    expect(lines.map((line) => line.msg)).toEqual([
      'redis unavailable: connect ECONNREFUSED 127.0.0.1:6379',
      'redis available again',
      'redis unavailable: connect ECONNREFUSED 127.0.0.1:6379',
      'redis available again',
    ]);
    expect(lines.every((line) => !('stack' in line) && !('err' in line))).toBe(true);
    expect(lines[1].downMs).toBeGreaterThanOrEqual(0);
    expect(state.lastError).toBeNull();
  });

  it('tells its listeners when the dependency is back, once per return', () => {
    const { logger } = memoryLogger();
    const state = new ConnectionState('store', logger);
    let returns = 0;
    state.whenBack(() => (returns += 1));
    state.up();
    state.down(refused());
    state.down(refused());
    state.up();
    state.up();
    expect(returns).toBe(1);
  });

  it('names the code when the message does not (PostgreSQL SQLSTATEs)', async () => {
    const { logger, lines } = memoryLogger();
    new ConnectionState('store', logger).down(Object.assign(new Error('terminating connection due to administrator command'), { code: '57P01' }));
    await flush();
    expect(lines[0]).toMatchObject({ dependency: 'store', msg: 'store unavailable: 57P01: terminating connection due to administrator command' });
  });
});

describe('Redis errors: connection or command', () => {
  it('counts socket errors and ioredis refusals as the connection, command errors not', () => {
    expect(isRedisConnectionError(refused())).toBe(true);
    expect(isRedisConnectionError(new Error('Connection is closed.'))).toBe(true);
    expect(isRedisConnectionError(new Error('LOADING Redis is loading the dataset in memory'))).toBe(true);
    expect(isRedisConnectionError(new Error('ERR wrong number of arguments for command'))).toBe(false);
    expect(isRedisConnectionError(new Error('Missing lock for job 12. moveToFinished'))).toBe(false);
  });

  it('answers 503 only for what a fail-fast client says, not for any ECONNREFUSED', () => {
    expect(isRedisClientRefusal(new Error("Stream isn't writeable and enableOfflineQueue options is false"))).toBe(true);
    expect(isRedisClientRefusal(new Error('Command timed out'))).toBe(true);
    expect(isRedisClientRefusal(new Error('Reached the max retries per request limit (which is 0). Refer to "maxRetriesPerRequest" option for details.'))).toBe(true);
    // A refused connection to some other host (a DNS or fetch check in a route) is not Redis's.
    expect(isRedisClientRefusal(refused())).toBe(false);
  });
});

import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli, startCli, waitFor } from '../support/cli.js';
import { postgresUnavailableReason, TEST_POSTGRES_URL } from '../support/postgres.js';
import { freePort, startTestRedis, type TestRedis } from '../support/redis.js';

const postgresReason = await postgresUnavailableReason();
if (postgresReason) console.warn(`the missing-database case is skipped: ${postgresReason}`);

/** A stack trace printed as such: "    at fn (file:line)". */
const STACK_LINE = /^\s+at .+/m;

/** The lines a failed start printed, without the log's JSON lines (the token warning). */
const messageLines = (output: string) => output.split('\n').filter((line) => line.trim() !== '' && !line.startsWith('{'));

/**
 * Every start-up failure a user can cause prints one line naming the cause and the fix and
 * exits 2 for configuration, 1 for the machine's state; a stack only with LOG_LEVEL=debug.
 */
describe('clean start-up errors, through the built CLI', () => {
  const workdir = mkdtempSync(join(tmpdir(), 'chronicle-start-errors-'));
  let redis: TestRedis;
  const config = (name: string, lines: string[]) => {
    const path = join(workdir, `${name}.yaml`);
    writeFileSync(path, [`redis: { url: "${redis.url}", prefix: ${redis.prefix()} }`, 'api: { token: start-errors-token-0123456789 }', ...lines].join('\n'));
    return path;
  };

  beforeAll(async () => {
    redis = await startTestRedis();
  });
  afterAll(async () => {
    await redis?.stop();
    rmSync(workdir, { recursive: true, force: true });
  });

  it.skipIf(postgresReason !== null)('a PostgreSQL database that does not exist: exit 1, one line saying how to create it', async () => {
    const missing = new URL(TEST_POSTGRES_URL);
    missing.pathname = '/chronicle_no_such_database';
    const path = config('missing-db', [`store: { url: "${missing.href}" }`]);
    const { code, output } = await runCli(['start', '--config', path], { cwd: workdir, env: { LOG_LEVEL: 'info' } });
    expect(code).toBe(1);
    expect(output).not.toMatch(STACK_LINE);
    const lines = messageLines(output);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain('"chronicle_no_such_database" does not exist');
    expect(lines[0]).toContain('createdb');

    // LOG_LEVEL=debug adds the stack for whoever debugs it.
    const debug = await runCli(['start', '--config', path], { cwd: workdir, env: { LOG_LEVEL: 'debug' } });
    expect(debug.code).toBe(1);
    expect(debug.output).toMatch(STACK_LINE);
  });

  it('a mysql:// store URL is a configuration error (exit 2) before anything connects', async () => {
    const dead = `redis://127.0.0.1:${await freePort()}`;
    const inFile = join(workdir, 'mysql.yaml');
    writeFileSync(inFile, 'store: { url: "mysql://root:sekrit-pw@127.0.0.1/chronicle" }\n');
    const file = await runCli(['start', '--config', inFile], { cwd: workdir, env: { REDIS_URL: dead } });
    expect(file.code).toBe(2);
    expect(file.output).toContain('store.url');
    expect(file.output).not.toContain('sekrit-pw');

    // No --config: the default file is absent in this directory, so all defaults apply.
    const env = await runCli(['start'], { cwd: workdir, env: { REDIS_URL: dead, DATABASE_URL: 'mysql://root:sekrit-pw@127.0.0.1/chronicle' } });
    expect(env.code).toBe(2);
    expect(messageLines(env.output)).toHaveLength(1);
    expect(env.output).toContain('DATABASE_URL: expected pglite://PATH (embedded) or a postgres:// URL');
    expect(env.output).not.toContain('sekrit-pw');
    // Before anything connects: the dead Redis is never mentioned.
    expect(env.output).not.toContain('Redis');
  });

  it('a port in use: exit 1, one line naming the address and the setting to change', async () => {
    const port = await freePort();
    const holder: Server = createServer();
    await new Promise<void>((resolve) => holder.listen(port, '127.0.0.1', resolve));
    try {
      const path = join(workdir, 'port.yaml');
      writeFileSync(path, `${[`redis: { url: "${redis.url}", prefix: ${redis.prefix()} }`, `store: { url: "pglite://${join(workdir, 'port-data')}" }`, `api: { port: ${port}, token: start-errors-token-0123456789 }`].join('\n')}\n`);
      const { code, output } = await runCli(['start', '--config', path], { cwd: workdir, timeoutMs: 90_000 });
      expect(code).toBe(1);
      expect(output).not.toMatch(STACK_LINE);
      const lines = messageLines(output);
      expect(lines).toHaveLength(1);
      expect(lines[0]).toContain(`127.0.0.1:${port} is in use`);
      expect(lines[0]).toContain('api.port');
    } finally {
      holder.close();
    }
  }, 120_000);

  it('reingest and ingest with Redis down: exit 1, one line that says to start chronicle', async () => {
    const dead = `redis://127.0.0.1:${await freePort()}`;
    for (const args of [['reingest', '--all'], ['ingest', 'https://93.184.215.14/a']]) {
      const { code, output } = await runCli(args, { cwd: workdir, env: { REDIS_URL: dead } });
      expect(code, args[0]).toBe(1);
      expect(output).not.toMatch(STACK_LINE);
      const lines = messageLines(output);
      expect(lines).toHaveLength(1);
      expect(lines[0]).toContain(`No Redis answers at ${dead}`);
      expect(lines[0]).toContain('chronicle start');
      expect(lines[0]).not.toContain('starts it itself');
    }
  });

  it('a start with no source warns that nothing will be polled; LOG_FORMAT=pretty gives lines for people', async () => {
    const port = await freePort();
    const path = join(workdir, 'empty.yaml');
    writeFileSync(path, `${[`redis: { url: "${redis.url}", prefix: ${redis.prefix()} }`, `store: { url: "pglite://${join(workdir, 'empty-data')}" }`, `api: { port: ${port}, token: start-errors-token-0123456789 }`].join('\n')}\n`);
    const service = startCli(['start', '--config', path], { cwd: workdir, env: { LOG_FORMAT: 'pretty' } });
    try {
      await waitFor('the warning', async () => service.output().includes('no source configured'), 90_000, 200);
      const lines = service.output().split('\n').filter(Boolean);
      expect(lines.some((line) => line.startsWith('{'))).toBe(false);
      const started = lines.find((line) => line.includes('chronicle started'))!;
      expect(started).toMatch(/^\d{2}:\d{2}:\d{2}\.\d{3} INFO  chronicle started: timeline http:\/\/127\.0\.0\.1:\d+\/ · API docs .*\/docs · queues .*\/admin\/queues · 0 sources, 0 webhooks/);
      expect(lines.find((line) => line.includes('no source configured'))).toMatch(/WARN .*chronicle ingest URL/);
    } finally {
      service.child.kill('SIGTERM');
      await service.exited;
    }
  }, 120_000);
});

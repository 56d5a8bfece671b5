import { existsSync, readFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli, type RunningCli } from '../support/cli.js';
import { startTestRedis, type TestRedis } from '../support/redis.js';
import { createServiceWorkdir, stopService, type ServiceWorkdir } from '../support/service-workdir.js';

/**
 * Issue 10, finding 10: one process per PGlite directory. A second `chronicle start` and a
 * `chronicle migrate` on a directory a running service holds exit 1 naming the holder; a lock
 * left by a process killed with SIGKILL is taken over; a clean stop removes it.
 */
describe('the PGlite lock', () => {
  let redis: TestRedis;
  let workdir: ServiceWorkdir;
  let lockPath = '';
  const running: RunningCli[] = [];
  const holderOf = () => JSON.parse(readFileSync(lockPath, 'utf8')) as { pid: number; host: string; startedAt: string; command: string };

  beforeAll(async () => {
    redis = await startTestRedis();
    workdir = await createServiceWorkdir({ name: 'lock', redis, lines: [] });
    lockPath = join(workdir.dir, 'data', 'chronicle', 'chronicle.lock');
  });

  afterAll(async () => {
    for (const service of running) await stopService(service);
    await redis?.stop();
    workdir?.remove();
  });

  it('a second start and a migrate on a held directory exit 1 naming the holder; the holder keeps running', async () => {
    const { service: first } = await workdir.start(60_000);
    running.push(first);
    const holder = holderOf();
    expect(holder).toMatchObject({ pid: first.child.pid, host: hostname() });
    expect(holder.command).toContain('chronicle start --config');
    expect(Number.isNaN(Date.parse(holder.startedAt))).toBe(false);

    const second = await runCli(['start', '--config', workdir.config], { cwd: workdir.dir, timeoutMs: 60_000 });
    expect(second.code).toBe(1);
    expect(second.output).toContain(`in use by pid ${first.child.pid} on ${hostname()}`);
    expect(second.output).toContain('chronicle start --config');
    expect(second.output).toContain(lockPath);

    const migrate = await runCli(['migrate', '--config', workdir.config], { cwd: workdir.dir, timeoutMs: 60_000 });
    expect(migrate.code).toBe(1);
    expect(migrate.output).toContain(`in use by pid ${first.child.pid}`);
    expect(migrate.output).not.toContain('"applied"');

    expect((await fetch(`${workdir.apiBase}/healthz`)).status).toBe(200);
    expect(holderOf().pid).toBe(first.child.pid);

    // Left behind by a process that could not clean up.
    first.child.kill('SIGKILL');
    await first.exited;
    expect(existsSync(lockPath)).toBe(true);
  });

  it('the lock of a process killed with SIGKILL is taken over with a log line; a clean stop removes it', async () => {
    const killedPid = holderOf().pid;
    const { service: next } = await workdir.start(60_000);
    running.push(next);
    expect(holderOf().pid).toBe(next.child.pid);
    const takeover = next.output().split('\n').find((line) => line.includes('took over the lock'));
    expect(takeover).toContain(`"pid":${killedPid}`);

    await stopService(next);
    expect(next.child.exitCode).toBe(0);
    expect(existsSync(lockPath)).toBe(false);

    const migrate = await runCli(['migrate', '--config', workdir.config], { cwd: workdir.dir, timeoutMs: 60_000 });
    expect(migrate.code).toBe(0);
    expect(JSON.parse(migrate.output.split('\n').find((line) => line.startsWith('{"applied"')) ?? '{}')).toEqual({ applied: [] });
    expect(existsSync(lockPath)).toBe(false);
  });
});

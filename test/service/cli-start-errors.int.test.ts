import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli, startCli } from '../support/cli.js';
import { freePort } from '../support/redis.js';

describe('chronicle CLI start-up errors', () => {
  const workdir = mkdtempSync(join(tmpdir(), 'chronicle-cli-'));
  afterAll(() => rmSync(workdir, { recursive: true, force: true }));

  it('--help lists the commands of the CLI contract', async () => {
    const { code, output } = await runCli(['--help'], { cwd: workdir });
    expect(code).toBe(0);
    for (const command of ['start', 'worker', 'migrate', 'reingest', 'extract', 'timex', 'events']) expect(output).toContain(command);
  });

  it('an unknown command or a bad flag prints usage and exits 2', async () => {
    const unknown = await runCli(['frobnicate'], { cwd: workdir });
    expect(unknown.code).toBe(2);
    expect(unknown.output).toContain('Usage: chronicle');
    const badFlag = await runCli(['start', '--frob'], { cwd: workdir });
    expect(badFlag.code).toBe(2);
    expect(badFlag.output).toContain('Usage: chronicle start');
  });

  it('a bad config exits 2 naming the key and the problem, before anything connects', async () => {
    const path = join(workdir, 'bad.yaml');
    writeFileSync(path, 'sources:\n  - { id: a, kind: feed, url: "http://127.0.0.1/a", every: 5m }\n  - { id: b, kind: feed, url: "http://127.0.0.1/b", every: often }\n');
    const { code, output } = await runCli(['start', '--config', path], { cwd: workdir, env: { REDIS_URL: 'redis://127.0.0.1:1' } });
    expect(code).toBe(2);
    expect(output).toContain('sources[1].every: expected a duration like 5m');
  });

  it('an unknown key is an error that names it', async () => {
    const path = join(workdir, 'unknown.yaml');
    writeFileSync(path, 'fetch: { timeoutMS: 100 }\n');
    const { code, output } = await runCli(['start', '--config', path], { cwd: workdir });
    expect(code).toBe(2);
    expect(output).toContain('fetch.timeoutMS: unknown key');
  });

  it('with no Redis to be had it exits 1 and says how to get one', async () => {
    const path = join(workdir, 'ok.yaml');
    writeFileSync(path, `store: { url: "pglite://${join(workdir, 'data')}" }\n`);
    const deadPort = await freePort();
    const { code, output } = await runCli(['start', '--config', path], { cwd: workdir, env: { REDIS_URL: `redis://127.0.0.1:${deadPort}` } });
    expect(code).toBe(1);
    expect(output).toContain('apt-get install redis-server');
    expect(output).toContain('docker compose up -d redis');
  });

  it('refuses to run a separate worker on the single-process embedded store, naming store.url', async () => {
    const path = join(workdir, 'embedded.yaml');
    writeFileSync(path, `store: { url: "pglite://${join(workdir, 'data')}" }\n`);
    const { code, output } = await runCli(['worker', '--config', path], { cwd: workdir });
    expect(code).toBe(2);
    expect(output).toContain('store.url');
    expect(output).toContain('DATABASE_URL=postgres://');
  });

  it('ends quietly with 0 when its reader stops reading (chronicle timex … | head)', async () => {
    const path = join(workdir, 'many-dates.txt');
    writeFileSync(path, 'Talks resumed on Friday. '.repeat(200_000));
    const running = startCli(['timex', '--dct', '2025-11-21', path], { cwd: workdir });
    running.child.stdout!.once('data', () => running.child.stdout!.destroy());
    expect(await running.exited).toBe(0);
    expect(running.output()).not.toMatch(/EPIPE|Unhandled/);
  });

  it('names a bad --queues value', async () => {
    const { code, output } = await runCli(['worker', '--queues', 'fetch,frobnicate'], { cwd: workdir });
    expect(code).toBe(2);
    expect(output).toContain('--queues: unknown queue "frobnicate"');
  });
});

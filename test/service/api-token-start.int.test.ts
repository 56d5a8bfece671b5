import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT, runCli } from '../support/cli.js';
import { freePort } from '../support/redis.js';

/**
 * Issue 10, finding 2: `chronicle start` refuses a weak API token when the API listens beyond
 * loopback (exit 2, naming api.token, before anything connects), and warns on loopback.
 * REDIS_URL points at a port where nothing listens: a start that got past the token check
 * exits 1 for want of Redis, one refused by the check exits 2 without trying.
 */
describe('the api.token rule at start-up', () => {
  const workdir = mkdtempSync(join(tmpdir(), 'chronicle-token-'));
  let deadRedis = '';
  // An empty CHRONICLE_API_TOKEN of the shell running the tests must not decide these cases.
  const env = (extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv => ({ REDIS_URL: deadRedis, CHRONICLE_API_TOKEN: undefined, ...extra });
  const config = (name: string, api: string) => {
    const path = join(workdir, `${name}.yaml`);
    writeFileSync(path, `store: { url: "pglite://${join(workdir, name, 'chronicle')}" }\napi: ${api}\n`);
    return path;
  };

  beforeAll(async () => {
    deadRedis = `redis://127.0.0.1:${await freePort()}`;
  });
  afterAll(() => rmSync(workdir, { recursive: true, force: true }));

  it('refuses the example token on 0.0.0.0 with exit 2, naming api.token, before anything connects', async () => {
    const { code, output } = await runCli(['start', '--config', config('example', '{ host: 0.0.0.0, token: change-me }')], { cwd: workdir, env: env() });
    expect(code).toBe(2);
    expect(output).toContain('api.token');
    expect(output).toContain('example token');
    expect(output).not.toContain('No Redis answers');
  });

  it('refuses a token shorter than 16 characters on a reachable address, without printing it', async () => {
    const { code, output } = await runCli(['start', '--config', config('short', '{ host: "::", token: hunter2hunter2 }')], { cwd: workdir, env: env() });
    expect(code).toBe(2);
    expect(output).toContain('api.token');
    expect(output).toContain('14 characters long');
    expect(output).not.toContain('hunter2hunter2');
  });

  it('judges the token CHRONICLE_API_TOKEN gives, and refuses it set but empty rather than falling back', async () => {
    const path = config('env', '{ host: 0.0.0.0, token: a-long-file-token-0123456789 }');
    const short = await runCli(['start', '--config', path], { cwd: workdir, env: env({ CHRONICLE_API_TOKEN: 'short' }) });
    expect(short.code).toBe(2);
    expect(short.output).toContain('api.token');
    const empty = await runCli(['start', '--config', path], { cwd: workdir, env: env({ CHRONICLE_API_TOKEN: '' }) });
    expect(empty.code).toBe(2);
    expect(empty.output).toContain('CHRONICLE_API_TOKEN: set but empty');
    const strong = await runCli(['start', '--config', path], { cwd: workdir, env: env({ CHRONICLE_API_TOKEN: '5d41402abc4b2a76b9719d911017c592' }) });
    expect(strong.code).toBe(1);
    expect(strong.output).toContain('No Redis answers');
  });

  it('the Docker image config carries no usable token: without CHRONICLE_API_TOKEN it refuses to start', async () => {
    const scaled = join(REPO_ROOT, 'config', 'examples', 'scaled.yaml');
    const { code, output } = await runCli(['start', '--config', scaled], { cwd: workdir, env: env({ DATABASE_URL: 'postgres://chronicle@127.0.0.1:1/chronicle' }) });
    expect(code).toBe(2);
    expect(output).toContain('api.token');
    expect(output).toContain('0.0.0.0');
  });

  it('on loopback the shipped default config still starts, with a warning naming api.token', async () => {
    // config/chronicle.yaml as `npm start` uses it: 127.0.0.1 and the example token.
    const { code, output } = await runCli(['start', '--config', join(REPO_ROOT, 'config', 'chronicle.yaml')], { cwd: workdir, env: env() });
    expect(code).toBe(1);
    expect(output).toContain('No Redis answers');
    const warning = output.split('\n').find((line) => line.includes('"level":40') && line.includes('api.token'));
    expect(warning).toContain('example token');
  });
});

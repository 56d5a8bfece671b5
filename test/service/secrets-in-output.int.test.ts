import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli, startCli, waitFor, type RunningCli } from '../support/cli.js';
import { loadSeedPages, startNewsSite, type NewsSite } from '../support/news-site.js';
import { freePort, startTestRedis, type TestRedis } from '../support/redis.js';
import { createServiceWorkdir, stopService, TEST_SECRET, TEST_TOKEN, type ServiceWorkdir } from '../support/service-workdir.js';

/**
 * Issue 10, finding 9: secrets never printed. The service runs with a Redis that requires a
 * password (REDIS_URL carries it), a source and a webhook whose URLs carry credentials; neither
 * its log nor its API answers may show any of them. Bull Board (finding 14) loads nothing from
 * other origins.
 */
const REDIS_PASSWORD = 'redis-pw-7Hq2Lx9Vd4';
const FEED_PASSWORD = 'feed-pw-Rk3Nw8Tz1Y';
const HOOK_PASSWORD = 'hook-pw-Mc6Pj2Xs5B';
const SECRETS = [REDIS_PASSWORD, FEED_PASSWORD, HOOK_PASSWORD];

/** `src`/`href` values of a page that point at another origin (`https://…`, `//…`). */
function remoteReferences(html: string): string[] {
  return [...html.matchAll(/\b(?:src|href)\s*=\s*["']?([^"'\s>]+)/gi)].map((match) => match[1]).filter((url) => /^(?:[a-z][a-z0-9+.-]*:)?\/\//i.test(url));
}

describe('secrets in output', () => {
  let redis: TestRedis;
  let site: NewsSite;
  let workdir: ServiceWorkdir;
  let service: RunningCli | undefined;
  const receiverPort = freePort();

  beforeAll(async () => {
    redis = await startTestRedis({ password: REDIS_PASSWORD });
    site = await startNewsSite(loadSeedPages());
    const siteWithCredentials = site.base.replace('http://', `http://reader:${FEED_PASSWORD}@`);
    workdir = await createServiceWorkdir({
      name: 'secrets',
      redis,
      lines: [
        'security: { allowPrivateNetworks: true }',
        'sources:',
        `  - { id: members-feed, kind: feed, url: "${siteWithCredentials}/rss.xml", every: 1h }`,
        'webhooks:',
        `  - { id: desk, url: "http://desk:${HOOK_PASSWORD}@127.0.0.1:${await receiverPort}/hook", secret: ${TEST_SECRET} }`,
      ],
    });
  });

  afterAll(async () => {
    await stopService(service);
    await site?.close();
    await redis?.stop();
    workdir?.remove();
  });

  it('prints no password of REDIS_URL, of a source URL or of a webhook URL, in the log or the API', async () => {
    expect(redis.url).toContain(REDIS_PASSWORD);
    service = startCli(['start', '--config', workdir.config], { cwd: workdir.dir, env: { REDIS_URL: redis.url } });
    await waitFor('GET /healthz to answer 200', async () => (await fetch(`${workdir.apiBase}/healthz`)).status === 200, 60_000, 100).catch((error) => {
      throw new Error(`${error.message}\n${service?.output()}`);
    });
    // The source is polled at start; its poll (success or error) is what may quote its URL.
    const polled = await waitFor('the source with credentials polled', async () => {
      const { body } = await workdir.api('/v1/sources/members-feed');
      return body.lastPolledAt ? body : null;
    }, 20_000);
    const answers = [JSON.stringify(polled)];
    for (const path of ['/v1/sources', '/v1/webhooks', '/v1/webhooks/desk', '/v1/articles?limit=50']) {
      const { status, body } = await workdir.api(path);
      expect(status, path).toBe(200);
      answers.push(JSON.stringify(body));
    }
    const text = answers.join('\n');
    for (const secret of SECRETS) expect(text).not.toContain(secret);
    expect(text).toContain(`http://reader:***@127.0.0.1`);
    expect(text).toContain(`http://desk:***@127.0.0.1`);

    // A request line with ?token= (the board and the timeline page take it so).
    await fetch(`${workdir.apiBase}/admin/queues?token=${TEST_TOKEN}`);
    await stopService(service);
    expect(service.child.exitCode).toBe(0);

    const lines = service.output().split('\n');
    expect(lines.some((line) => line.includes('chronicle started') && line.includes('redis://:***@127.0.0.1'))).toBe(true);
    for (const secret of [...SECRETS, TEST_TOKEN]) expect(lines.filter((line) => line.includes(secret)), secret).toEqual([]);
  });

  it('a wrong Redis password exits 1 without printing it', async () => {
    const wrong = redis.url.replace(REDIS_PASSWORD, 'wrong-pw-Qa9Zr4Ty');
    const { code, output } = await runCli(['start', '--config', workdir.config], { cwd: workdir.dir, env: { REDIS_URL: wrong } });
    expect(code).toBe(1);
    expect(output).toContain('redis://:***@127.0.0.1');
    expect(output).not.toContain('wrong-pw-Qa9Zr4Ty');
    expect(output).not.toContain(REDIS_PASSWORD);
  });

  it('a PostgreSQL that does not answer fails the start without printing the DATABASE_URL password', async () => {
    const deadPort = await freePort();
    const { code, output } = await runCli(['start', '--config', workdir.config], {
      cwd: workdir.dir,
      env: { REDIS_URL: redis.url, DATABASE_URL: `postgres://chronicle:pg-pw-Fd7Ks2Wq@127.0.0.1:${deadPort}/chronicle` },
    });
    expect(code).toBe(1);
    expect(output).not.toContain('pg-pw-Fd7Ks2Wq');
    expect(output).not.toContain(REDIS_PASSWORD);
  });

  it('a YAML syntax error on a secret line names the line, column and key, not the value', async () => {
    const path = join(workdir.dir, 'broken.yaml');
    writeFileSync(path, `store: { url: "pglite://${join(workdir.dir, 'data', 'other')}" }\napi:\n  port: 8080\n  token: tok-${HOOK_PASSWORD}: x\n`);
    const { code, output } = await runCli(['start', '--config', path], { cwd: workdir.dir });
    expect(code).toBe(2);
    expect(output).toContain('not valid YAML: line 4, column');
    expect(output).toContain('(key "token")');
    expect(output).not.toContain(HOOK_PASSWORD);
  });
});

describe('Bull Board', () => {
  let redis: TestRedis;
  let workdir: ServiceWorkdir;
  let service: RunningCli | undefined;

  beforeAll(async () => {
    redis = await startTestRedis();
    workdir = await createServiceWorkdir({ name: 'board', redis, lines: [] });
    ({ service } = await workdir.start(20_000));
  });

  afterAll(async () => {
    await stopService(service);
    await redis?.stop();
    workdir?.remove();
  });

  it('serves a page that references no other origin, under a self-only CSP, and its own files load', async () => {
    const response = await fetch(`${workdir.apiBase}/admin/queues?token=${TEST_TOKEN}`);
    expect(response.status).toBe(200);
    const csp = response.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("default-src 'self'");
    expect(csp).not.toMatch(/https?:|\*/);
    const html = await response.text();
    expect(html).toContain('<div id="root">');
    expect(remoteReferences(html)).toEqual([]);
    expect(html).not.toContain('fonts.googleapis.com');

    // The page's scripts and styles come from the board itself (relative to its <base>).
    const cookie = (response.headers.get('set-cookie') ?? '').split(';')[0];
    const base = /<base href="([^"]+)"/.exec(html)?.[1] ?? '/admin/queues/';
    const local = [...html.matchAll(/\b(?:src|href)="(static\/[^"]+)"/g)].map((match) => match[1]);
    expect(local.length).toBeGreaterThan(2);
    for (const path of local) {
      const asset = await fetch(`${workdir.apiBase}${base}${path}`, { headers: { cookie } });
      expect(asset.status, path).toBe(200);
      if (path.endsWith('.css')) expect(remoteReferences(await asset.text())).toEqual([]);
      else await asset.arrayBuffer();
    }
  });
});

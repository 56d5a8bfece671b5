import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt, REPO_ROOT } from '../support/cli.js';
import { HOSTS_MARKER } from '../support/ssrf-scenario.js';

/**
 * The address guard through the running service (issue 10, findings 1, 3 and 14). Everything
 * runs in a network namespace with loopback only (`unshare -n`) and a private /etc/hosts
 * (`unshare -m` + a bind mount), so that nothing can leave the machine even if a guard fails, and
 * no address outside 127.0.0.0/8 and ::1 is ever bound or connected to (names an API user
 * registers resolve to a public address only in that hosts file, and only until they are
 * re-pointed, before the service contacts them). The scenario (test/support/ssrf-scenario.ts)
 * starts `chronicle start`, Redis and the HTTP servers inside it and prints what each server
 * saw; this file asserts on that.
 */
const SCENARIO = join(REPO_ROOT, 'test', 'support', 'ssrf-scenario.ts');

function namespacesAvailable(): string | null {
  const probe = spawnSync('unshare', ['-n', '-m', 'sh', '-c', 'ip link set lo up && mount -t tmpfs none /mnt'], { encoding: 'utf8' });
  if (probe.error) return `unshare is not available (${probe.error.message})`;
  if (probe.status !== 0) return `unshare -n -m does not work here (${probe.stderr.trim() || `exit ${probe.status}`})`;
  return null;
}

const unavailable = namespacesAvailable();
if (unavailable) console.warn(`skipping the SSRF namespace tests: ${unavailable}`);

interface Article {
  url: string;
  status: string;
  errorCode: string | null;
}

describe.skipIf(unavailable !== null)('the address guard, through chronicle start, in a loopback-only network namespace', () => {
  let results: Record<string, any>;
  let hostsDir: string;

  beforeAll(async () => {
    ensureBuilt();
    hostsDir = mkdtempSync(join(tmpdir(), 'chronicle-ssrf-hosts-'));
    const hosts = join(hostsDir, 'hosts');
    writeFileSync(hosts, `${HOSTS_MARKER}\n127.0.0.1 localhost\n`);
    const env = { ...process.env };
    delete env.REDIS_URL; // the namespace has its own Redis: nothing outside it is reachable
    const script = [
      'set -e',
      'ip link set lo up',
      'mount --bind "$HOSTS_FILE" /etc/hosts',
      `exec "${process.execPath}" --import tsx "${SCENARIO}"`,
    ].join('\n');
    const child = spawn('unshare', ['-n', '-m', 'sh', '-c', script], { cwd: REPO_ROOT, env: { ...env, HOSTS_FILE: hosts }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
    const last = stdout.trim().split('\n').at(-1) ?? '';
    try {
      results = JSON.parse(last);
    } catch {
      throw new Error(`the scenario printed no result (exit ${code}):\n${stdout.slice(-3000)}\n${stderr.slice(-3000)}`);
    }
    if (!results.ok) throw new Error(`the scenario stopped: ${results.error}\n${results.serviceLog ?? ''}`);
  }, 400_000);

  afterAll(() => {
    if (hostsDir) rmSync(hostsDir, { recursive: true, force: true });
  });

  it('accepted the source and the webhook while their names resolved to a public address, and nothing left loopback', () => {
    expect(results.created).toEqual({ rebound: 201, hook: 201 });
    expect(results.resumed).toBe(200);
    // The namespace never carried an address outside 127.0.0.0/8 and ::1: there was nowhere to send to.
    expect(results.loopbackAddresses.length).toBeGreaterThan(0);
    for (const address of results.loopbackAddresses) expect(address).toMatch(/^(127\.|::1$)/);
  });

  it('(a) refuses a source rebound to 127.0.0.1 after creation: PRIVATE_NETWORK on the source, nothing sent, nothing stored', () => {
    expect(String(results.rebound.lastError)).toMatch(/^PRIVATE_NETWORK/);
    expect(results.paths.internal).not.toContain('/feed.xml');
    expect(results.secretArticles).toEqual([]);
  });

  it('(b) never fetches an item that a trusted feed lists on another loopback host, by address or by name, and records why', () => {
    expect(results.listedByAddress as Article).toMatchObject({ status: 'failed', errorCode: 'PRIVATE_NETWORK' });
    expect(results.listedByName as Article).toMatchObject({ status: 'failed', errorCode: 'PRIVATE_NETWORK' });
    expect(results.paths.internal).not.toContain('/internal/listed-by-config-source');
    expect(results.paths.intranet).not.toContain('/internal/listed-by-name');
  });

  it('(c) refetches an article while its config source vouches for the host, never once that source is gone', () => {
    // The control: a refetch is a real request while the source is in the config file...
    expect(results.retiredStory as Article).toMatchObject({ status: 'processed', errorCode: null });
    expect(results.reingestTrusted).toMatchObject({ state: 'completed', result: { total: 1, done: 1, failed: 0 } });
    expect(results.retiredHitsByTrustedRefetch).toBe(1);
    // ...and after a restart without it, the same refetch sends nothing and says why.
    expect(results.sourcesAfterRestart).not.toContain('retired');
    expect(results.reingestDeleted).toMatchObject({ state: 'completed', result: { total: 1, done: 1, failed: 1 } });
    expect(results.retiredAfterReingest as Article).toMatchObject({ errorCode: 'PRIVATE_NETWORK' });
    expect(results.retiredPathsAfterRestart).toEqual([]);
    expect(results.reingestJavascript).toMatchObject({ status: 400, body: { field: 'url' } });
  });

  it('(d) delivers nothing to a webhook rebound to 127.0.0.1, and logs the refusal without a status code', () => {
    expect(results.paths.receiver).not.toContain('/hook');
    expect(results.hookDeliveries.length).toBeGreaterThan(0);
    for (const delivery of results.hookDeliveries) {
      for (const attempt of delivery.attempts) {
        expect(attempt.statusCode).toBeNull();
        expect(attempt.error).toContain('PRIVATE_NETWORK');
      }
    }
  });

  it('(e) refuses a redirect from a config source\'s own host to another loopback host at that hop', () => {
    expect(results.paths.control).toContain('/hop.xml');
    expect(String(results.configHop.lastError)).toMatch(/^PRIVATE_NETWORK/);
    expect(results.paths.intranet).not.toContain('/internal/hop.xml');
  });

  it('keeps config-file entries on 127.0.0.1 working, and the operator\'s other hosts untouched', () => {
    expect(results.control.processed).toBe(3);
    expect(results.eventCount).toBeGreaterThan(0);
    expect(results.paths.receiver).toContain('/config-hook');
    expect(results.paths.internal).toEqual([]);
    expect(results.paths.intranet).toEqual([]);
  });
});

import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt, REPO_ROOT } from '../support/cli.js';
import { HOSTS_MARKER, PUBLIC_ADDRESS } from '../support/ssrf-scenario.js';

/**
 * The address guard through the running service (issue 10, findings 1, 3 and 14). Everything
 * runs in a network namespace with loopback only (`unshare -n`) and a private /etc/hosts
 * (`unshare -m` + a bind mount), so that nothing can leave the machine even if a guard fails:
 * the scenario (test/support/ssrf-scenario.ts) starts `chronicle start`, Redis and the HTTP
 * servers inside it and prints what each server saw; this file asserts on that.
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
      `ip addr add ${PUBLIC_ADDRESS}/32 dev lo`,
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

  it('accepted the sources and the webhook while their names resolved to a public address', () => {
    expect(results.created).toEqual({ rebound: 201, listing: 201, redirecting: 201, hook: 201 });
    expect(results.publicFeedRequestsBeforeRebind).toBeGreaterThan(0);
  });

  it('(a) refuses a rebound source at poll time: PRIVATE_NETWORK on the source, nothing sent, nothing stored', () => {
    expect(String(results.rebound.lastError)).toMatch(/^PRIVATE_NETWORK/);
    expect(results.internalPaths.filter((path: string) => path === '/feed.xml')).toEqual([]);
    expect(results.internalPaths.filter((path: string) => path.includes('secret-story'))).toEqual([]);
  });

  it('(b) never fetches an item that an API source lists on 127.0.0.1, and records why', () => {
    expect(results.listed as Article).toMatchObject({ status: 'failed', errorCode: 'PRIVATE_NETWORK' });
    expect(results.internalPaths).not.toContain('/internal/listed-by-api-source');
    // The same feed's public item is fetched and processed: the guard refuses addresses, not sources.
    expect(results.publicStory as Article).toMatchObject({ status: 'processed' });
  });

  it('(c) never refetches a stored 127.0.0.1 article of an API-created source, nor once that source is deleted', () => {
    expect(results.reingestApiSource).toMatchObject({ state: 'completed', result: { total: 1, done: 1, failed: 1 } });
    expect(results.deleted).toBe(204);
    expect(results.reingestDeletedSource).toMatchObject({ state: 'completed', result: { total: 1, done: 1, failed: 1 } });
    expect(results.listedAfterReingest as Article).toMatchObject({ status: 'failed', errorCode: 'PRIVATE_NETWORK' });
    expect(results.internalPaths).not.toContain('/internal/listed-by-api-source');
    expect(results.reingestJavascript).toMatchObject({ status: 400, body: { field: 'url' } });
  });

  it('(d) delivers nothing to a webhook rebound to 127.0.0.1, and logs the refusal without a status code', () => {
    expect(results.receiverPaths).not.toContain('/hook');
    expect(results.hookDeliveries.length).toBeGreaterThan(0);
    for (const delivery of results.hookDeliveries) {
      for (const attempt of delivery.attempts) {
        expect(attempt.statusCode).toBeNull();
        expect(attempt.error).toContain('PRIVATE_NETWORK');
      }
    }
  });

  it('(e) refuses a redirect to 127.0.0.1 at that hop, from an API source and from a config source\'s own host', () => {
    expect(String(results.redirecting.lastError)).toMatch(/^PRIVATE_NETWORK/);
    expect(results.publicPaths).toContain('/redirect.xml');
    expect(String(results.configHop.lastError)).toMatch(/^PRIVATE_NETWORK/);
    expect(results.internalPaths.filter((path: string) => path.endsWith('redirected.xml') || path.endsWith('hop.xml'))).toEqual([]);
  });

  it('keeps config-file entries on 127.0.0.1 working, on their own host only', () => {
    expect(results.control.processed).toBe(3);
    expect(results.eventsAdded).toBeGreaterThan(0);
    expect(results.receiverPaths).toContain('/config-hook');
    // An item the trusted feed lists on another host is untrusted data.
    expect(results.listedByConfig as Article).toMatchObject({ status: 'failed', errorCode: 'PRIVATE_NETWORK' });
    expect(results.internalPaths).toEqual([]);
  });
});

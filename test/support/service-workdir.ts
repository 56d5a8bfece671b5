import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startCli, waitFor, type RunningCli } from './cli.js';
import { freePort, type TestRedis } from './redis.js';

export const TEST_TOKEN = 'test-token';
export const TEST_SECRET = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';

/** A directory with a config file for one `chronicle start` under test, and its API address. */
export interface ServiceWorkdir {
  dir: string;
  config: string;
  apiBase: string;
  /** GET (or `init`) on the API with the test token; the JSON body and status. */
  api: (path: string, init?: RequestInit) => Promise<{ status: number; body: any }>;
  /** Starts `chronicle start` and waits for /healthz to answer 200; resolves with how long that took. */
  start: (timeoutMs?: number) => Promise<{ service: RunningCli; startMs: number }>;
  remove: () => void;
}

/**
 * Writes `chronicle.yaml` with its own Redis prefix, a PGlite store inside the directory (or the
 * `store` URL given) and a free API port, followed by the test's own lines (fetch, sources,
 * webhooks).
 */
export async function createServiceWorkdir(options: { name: string; redis: TestRedis; lines: string[]; store?: string }): Promise<ServiceWorkdir> {
  const dir = mkdtempSync(join(tmpdir(), `chronicle-${options.name}-`));
  const port = await freePort();
  const apiBase = `http://127.0.0.1:${port}`;
  const config = join(dir, 'chronicle.yaml');
  writeFileSync(
    config,
    [
      `redis: { url: "${options.redis.url}", prefix: ${options.redis.prefix()} }`,
      `store: { url: "${options.store ?? `pglite://${join(dir, 'data', 'chronicle')}`}" }`,
      `api: { port: ${port}, token: ${TEST_TOKEN} }`,
      ...options.lines,
    ].join('\n'),
  );
  return {
    dir,
    config,
    apiBase,
    api: async (path, init) => {
      const response = await fetch(`${apiBase}${path}`, { ...init, headers: { authorization: `Bearer ${TEST_TOKEN}`, 'content-type': 'application/json', ...init?.headers } });
      return { status: response.status, body: await response.json() };
    },
    start: async (timeoutMs = 15_000) => {
      const started = Date.now();
      const service = startCli(['start', '--config', config], { cwd: dir });
      try {
        await waitFor('GET /healthz to answer 200', async () => (await fetch(`${apiBase}/healthz`)).status === 200, timeoutMs, 100);
      } catch (error) {
        // Not left running behind a failed test (it would hold the directory and its ports).
        service.child.kill('SIGKILL');
        throw new Error(`${(error as Error).message}; its output:\n${service.output().slice(-2000)}`);
      }
      return { service, startMs: Date.now() - started };
    },
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
}

/** SIGTERM, then SIGKILL if it is still running after the grace period. */
export async function stopService(service: RunningCli | undefined, graceMs = 10_000): Promise<void> {
  if (!service || service.child.exitCode !== null) return;
  service.child.kill('SIGTERM');
  await Promise.race([service.exited, new Promise((resolve) => setTimeout(resolve, graceMs))]);
  if (service.child.exitCode === null) service.child.kill('SIGKILL');
}

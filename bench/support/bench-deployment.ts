import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { closeSync, openSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import { Redis } from 'ioredis';
import { CLI, waitFor } from '../../test/support/cli.js';
import { createTestSchema } from '../../test/support/postgres.js';
import { startTestRedis } from '../../test/support/redis.js';
import { createServiceWorkdir, TEST_SECRET, type ServiceWorkdir } from '../../test/support/service-workdir.js';
import { isStopping, onCleanup } from './cleanup.js';
import { cpuMs } from './process-stats.js';

/**
 * One chronicle deployment under measurement, as an operator runs it: a Redis of its own, the
 * store (PGlite in the work directory, or a fresh schema in a PostgreSQL), `node dist/cli.js
 * start` with a generated config, and N `chronicle worker` processes. Logs go to a file in the
 * work directory (the service's own default level), not through this process.
 */
export interface DeploymentOptions {
  name: string;
  /** `pglite`, or a postgres:// URL in which a fresh schema is made (and dropped at the end). */
  store: string;
  workers: number;
  feeds: string[];
  pollEvery: string;
  webhookUrl: string;
}

export interface ChronicleProcess {
  role: string;
  pid: number;
  child: ChildProcess;
}

export interface Deployment {
  workdir: ServiceWorkdir;
  redisUrl: string;
  prefix: string;
  processes: ChronicleProcess[];
  /** The PostgreSQL backends serving this deployment, CPU ms by pid (null with PGlite). */
  postgresCpu: (() => Promise<Map<number, number>>) | null;
  /** redis-server's own CPU ms (INFO cpu). */
  redisCpu: () => Promise<number>;
  /** The last lines of every process's log, for a failure message. */
  logTail: () => string;
  stop: () => Promise<void>;
}

export const WEBHOOK_SECRET = TEST_SECRET;

export async function startDeployment(options: DeploymentOptions): Promise<Deployment> {
  // 1. Redis of our own (never the machine's shared one: its other users would be measured too).
  const redis = await startTestRedis();
  const stopRedis = onCleanup('redis-server', () => redis.stop());
  const prefix = `bench-${randomUUID().slice(0, 8)}`;

  // 2. The store.
  let storeUrl: string | undefined;
  let dropSchema: (() => Promise<void>) | undefined;
  const applicationName = `chronicle-${prefix}`;
  if (options.store !== 'pglite') {
    const schema = await createTestSchema(options.store);
    storeUrl = schema.url;
    dropSchema = onCleanup('PostgreSQL schema', () => schema.drop());
  }

  // 3. The config: politeness relaxed for a loopback site, sources polled often, one webhook.
  const workdir = await createServiceWorkdir({
    name: options.name,
    redis: { ...redis, prefix: () => prefix },
    store: storeUrl,
    lines: [
      'security: { allowPrivateNetworks: true }',
      'fetch: { perHost: { concurrency: 8, rps: 50 } }',
      'sources:',
      ...options.feeds.map((url, i) => `  - { id: host-${i}, kind: feed, url: "${url}", every: ${options.pollEvery} }`),
      'webhooks:',
      `  - { id: bench, url: "${options.webhookUrl}", secret: ${WEBHOOK_SECRET} }`,
    ],
  });
  const removeWorkdir = onCleanup('work directory', () => workdir.remove());

  const processes: ChronicleProcess[] = [];
  const logs: string[] = [];
  const env = { ...process.env, PGAPPNAME: applicationName };
  const spawnChronicle = (role: string, args: string[]): ChronicleProcess => {
    if (isStopping()) throw new Error('stopped');
    const log = join(workdir.dir, `${role}.log`);
    logs.push(log);
    const fd = openSync(log, 'a');
    // BENCH_NODE_ARGS: node flags for the processes under measurement (e.g. --cpu-prof --cpu-prof-dir=/tmp/prof), which NODE_OPTIONS refuses.
    const nodeArgs = (process.env.BENCH_NODE_ARGS ?? '').split(/\s+/).filter(Boolean);
    const child = spawn(process.execPath, [...nodeArgs, CLI, ...args, '--config', workdir.config], { cwd: workdir.dir, env, stdio: ['ignore', fd, fd] });
    closeSync(fd);
    const entry = { role, pid: child.pid ?? 0, child };
    processes.push(entry);
    return entry;
  };
  const logTail = () => logs.map((log) => `--- ${log}\n${safeRead(log).slice(-3000)}`).join('\n');

  const stopProcesses = onCleanup('chronicle processes', () => Promise.all(processes.map((entry) => stopChild(entry.child))));

  // 4. `chronicle start`, then the workers (they need the migrations `start` applies).
  const main = spawnChronicle('start', ['start']);
  await waitFor(
    'chronicle start to answer /healthz',
    async () => {
      if (main.child.exitCode !== null) throw new Error(`chronicle start exited with ${main.child.exitCode}:\n${logTail()}`);
      return (await fetch(`${workdir.apiBase}/healthz`)).status === 200;
    },
    120_000,
    200,
  ).catch((error: Error) => {
    throw new Error(`${error.message}\n${logTail()}`);
  });
  for (let i = 0; i < options.workers; i++) {
    const worker = spawnChronicle(`worker-${i + 1}`, ['worker']);
    const log = logs.at(-1)!;
    await waitFor('chronicle worker to start', async () => worker.child.exitCode === null && safeRead(log).includes('chronicle worker started'), 120_000, 200).catch((error: Error) => {
      throw new Error(`${error.message}\n${logTail()}`);
    });
  }

  const observer = storeUrl ? postgresBackendCpu(options.store, applicationName) : null;
  const closeObserver = onCleanup('PostgreSQL observer', () => observer?.close());
  const redisClient = new Redis(redis.url, { maxRetriesPerRequest: 1 });
  redisClient.on('error', () => {});
  const closeRedisClient = onCleanup('redis client', () => redisClient.disconnect());
  return {
    workdir,
    redisUrl: redis.url,
    prefix,
    processes,
    postgresCpu: observer ? observer.read : null,
    redisCpu: async () => {
      const info = await redisClient.info('cpu');
      const value = (key: string) => Number(new RegExp(`^${key}:([\\d.]+)`, 'm').exec(info)?.[1] ?? 0);
      return (value('used_cpu_user') + value('used_cpu_sys')) * 1000;
    },
    logTail,
    stop: async () => {
      await closeObserver();
      await closeRedisClient();
      await stopProcesses();
      await removeWorkdir();
      await dropSchema?.();
      await stopRedis();
    },
  };
}

function safeRead(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return '';
  }
}

/** SIGTERM (chronicle stops cleanly within ~10 s), then SIGKILL. */
async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 15_000))]);
  if (child.exitCode === null && child.signalCode === null) {
    child.kill('SIGKILL');
    await exited;
  }
}

/**
 * CPU of the PostgreSQL backends this deployment's connections opened (PGAPPNAME names them),
 * read from /proc when the server runs on this machine (an empty map when it does not). One
 * observer connection for the whole run, closed with the deployment.
 */
function postgresBackendCpu(adminUrl: string, applicationName: string): { read: () => Promise<Map<number, number>>; close: () => Promise<void> } {
  let client: pg.Client | null = null;
  return {
    read: async () => {
      if (!client) {
        client = new pg.Client({ connectionString: adminUrl, application_name: 'chronicle-bench-observer' });
        client.on('error', () => {});
        await client.connect();
      }
      const { rows } = await client.query<{ pid: number }>('select pid from pg_stat_activity where application_name = $1', [applicationName]);
      const result = new Map<number, number>();
      for (const { pid } of rows) {
        if (safeRead(`/proc/${pid}/comm`).trim() !== 'postgres') continue;
        const ms = cpuMs(pid);
        if (ms !== null) result.set(pid, ms);
      }
      return result;
    },
    close: async () => {
      await client?.end().catch(() => {});
      client = null;
    },
  };
}

/** The PostgreSQL backends' CPU: each backend's last reading minus its first (0 for one born in the run). */
export class PostgresCpu {
  private first = new Map<number, number>();
  private last = new Map<number, number>();
  private started = false;
  constructor(private readonly read: () => Promise<Map<number, number>>) {}
  async start(): Promise<void> {
    this.first = await this.read();
    this.last = new Map(this.first);
    this.started = true;
  }
  async sample(): Promise<void> {
    if (!this.started) return;
    for (const [pid, ms] of await this.read()) {
      if (!this.first.has(pid)) this.first.set(pid, 0);
      this.last.set(pid, ms);
    }
  }
  totalMs(): number {
    let total = 0;
    for (const [pid, ms] of this.last) total += ms - (this.first.get(pid) ?? 0);
    return total;
  }
}

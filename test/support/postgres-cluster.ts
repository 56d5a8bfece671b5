import { spawnSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { freePort } from './redis.js';

/**
 * A PostgreSQL cluster of the test's own, on a free port of 127.0.0.1 with trust auth, that the
 * test may stop and restart: the machine's shared PostgreSQL (5432) serves other tests and must
 * never be restarted. initdb refuses to run as root, so as root the cluster belongs to the
 * `postgres` user and every pg_ctl call runs through `runuser -u postgres`.
 */
export interface PostgresCluster {
  /** postgres://postgres@127.0.0.1:PORT/postgres */
  url: string;
  port: number;
  stop: () => void;
  start: () => void;
  /** `pg_ctl restart -m fast`: every connection is closed, as in a real restart. */
  restart: () => void;
  remove: () => void;
}

function postgresBin(): string | null {
  const root = '/usr/lib/postgresql';
  if (!existsSync(root)) return null;
  const versions = readdirSync(root).filter((name) => existsSync(join(root, name, 'bin', 'initdb'))).sort((a, b) => Number(b) - Number(a));
  return versions.length ? join(root, versions[0], 'bin') : null;
}

function asOwner(): string[] {
  return userInfo().uid === 0 ? ['runuser', '-u', 'postgres', '--'] : [];
}

/** Null when a cluster of our own can be made here; otherwise why not, which the skipping test prints. */
export function postgresClusterUnavailableReason(): string | null {
  const bin = postgresBin();
  if (!bin) return 'no initdb/pg_ctl under /usr/lib/postgresql/*/bin';
  if (userInfo().uid === 0 && spawnSync('id', ['postgres']).status !== 0) return 'running as root but there is no `postgres` user to own a cluster';
  if (userInfo().uid === 0 && spawnSync('runuser', ['--help'], { stdio: 'ignore' }).status !== 0) return 'no runuser to run initdb as `postgres`';
  return null;
}

function run(command: string[], what: string): void {
  const [program, ...args] = command;
  const result = spawnSync(program, args, { encoding: 'utf8', timeout: 60_000 });
  if (result.status !== 0) throw new Error(`${what} failed (${result.status}): ${result.stderr || result.stdout}`);
}

export async function startPostgresCluster(): Promise<PostgresCluster> {
  const bin = postgresBin();
  if (!bin) throw new Error('no PostgreSQL binaries');
  const dir = mkdtempSync(join(tmpdir(), 'chronicle-pg-'));
  if (userInfo().uid === 0) {
    const ids = spawnSync('id', ['-u', 'postgres'], { encoding: 'utf8' });
    const gids = spawnSync('id', ['-g', 'postgres'], { encoding: 'utf8' });
    chownSync(dir, Number(ids.stdout.trim()), Number(gids.stdout.trim()));
  }
  const data = join(dir, 'data');
  const port = await freePort();
  run([...asOwner(), join(bin, 'initdb'), '-D', data, '-A', 'trust', '-U', 'postgres', '--no-sync', '-E', 'UTF8'], 'initdb');
  // fsync off and a short shutdown: a test cluster, thrown away after the run.
  const options = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=60`;
  const pgCtl = (action: string, extra: string[] = []) =>
    run([...asOwner(), join(bin, 'pg_ctl'), '-D', data, '-o', options, '-l', join(dir, 'log'), '-w', '-t', '60', ...extra, action], `pg_ctl ${action}`);
  pgCtl('start');
  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    port,
    stop: () => pgCtl('stop', ['-m', 'fast']),
    start: () => pgCtl('start'),
    restart: () => pgCtl('restart', ['-m', 'fast']),
    remove: () => {
      const [program, ...args] = [...asOwner(), join(bin, 'pg_ctl'), '-D', data, '-m', 'immediate', 'stop'];
      spawnSync(program, args, { stdio: 'ignore' });
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Ends the backends of one application_name (ours only), as a restart or idle timeout would. */
export async function terminateConnections(url: string, applicationName: string): Promise<number> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query('select pg_terminate_backend(pid) as ended from pg_stat_activity where application_name = $1 and pid <> pg_backend_pid()', [applicationName]);
    return rows.filter((row) => row.ended).length;
  } finally {
    await client.end();
  }
}

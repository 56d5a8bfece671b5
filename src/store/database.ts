import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import type { Logger } from '../log.js';
import { redactUrl } from '../redact.js';
import { lockDataDirectory } from './store-lock.js';
import { isConnectionFailure, storeError } from './connection-failure.js';

/**
 * One interface over the two stores the design allows: PGlite (embedded, one process) and
 * PostgreSQL (shared by many processes). The same SQL serves both.
 */
export interface Queryable {
  query<Row = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<{ rows: Row[] }>;
  /** Runs a script of several statements without parameters (migrations). */
  exec(sql: string): Promise<void>;
}

export interface Database extends Queryable {
  readonly kind: 'pglite' | 'postgres';
  transaction<T>(work: (tx: Queryable) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

/**
 * Hears whether the store's connections work: `down` when a query meets a connection failure,
 * `up` at the next query that succeeds. The runtime's
 * ConnectionState fits; the store itself knows nothing of logging or health.
 */
export interface ConnectionListener {
  down(error: unknown): void;
  up(): void;
}

export interface OpenOptions {
  /** Where a stale PGlite lock taken over is reported. */
  logger?: Logger;
  /** Hears the PostgreSQL connections' failures and recoveries. */
  connection?: ConnectionListener;
}

/** `pglite://./data/chronicle`, `pglite://memory`, or `postgres://user@host/db`. */
export async function openDatabase(url: string, options: OpenOptions = {}): Promise<Database> {
  if (url.startsWith('pglite://')) return openPglite(url.slice('pglite://'.length), options);
  if (/^postgres(ql)?:\/\//.test(url)) return openPostgres(url, options.connection);
  throw new Error(`store.url: unsupported scheme in "${redactUrl(url)}" (expected pglite:// or postgres://)`);
}

/** Opens the directory under its lock (store-lock.ts); the lock goes when the store closes. */
async function openPglite(path: string, options: OpenOptions): Promise<Database> {
  const inMemory = path === '' || path === 'memory';
  if (inMemory) return wrapPglite(await PGlite.create());
  const directory = resolve(path);
  mkdirSync(directory, { recursive: true });
  const lock = lockDataDirectory(directory, {
    onTakeover: (stale, lockPath) => options.logger?.warn({ lock: lockPath, stale }, 'took over the lock of a chronicle process that is gone'),
  });
  try {
    const db = wrapPglite(await PGlite.create(directory));
    return {
      ...db,
      close: async () => {
        try {
          await db.close();
        } finally {
          lock.release();
        }
      },
    };
  } catch (error) {
    lock.release();
    throw error;
  }
}

function wrapPglite(db: PGlite): Database {
  return {
    kind: 'pglite',
    query: async <Row>(sql: string, params?: unknown[]) => ({ rows: (await db.query<Row>(sql, params)).rows }),
    exec: async (sql) => void (await db.exec(sql)),
    transaction: (work) =>
      db.transaction((tx) =>
        work({
          query: async <Row>(sql: string, params?: unknown[]) => ({ rows: (await tx.query<Row>(sql, params)).rows }),
          exec: async (sql) => void (await tx.exec(sql)),
        }),
      ),
    close: () => db.close(),
  };
}

/**
 * The URL with `jit=off` among its start-up options (kept beside any the URL has). The service's
 * statements are short look-ups the planner prices high (one index probe per key of an
 * article's events): past jit_above_cost PostgreSQL compiled each one, which cost more than
 * running it (15-30 ms of JIT for a look-up of a few ms). A start-up option, not a `set` on
 * connect: that raced the pool's first query on the same connection (pg warns, and pg 9 refuses).
 */
export function withoutJit(url: string): string {
  const parsed = new URL(url);
  const options = parsed.searchParams.get('options');
  parsed.searchParams.set('options', options ? `${options} -c jit=off` : '-c jit=off');
  return parsed.href;
}

/** How long a pooled connect may take before the query fails (a partition must not hang a job). */
const CONNECT_TIMEOUT_MS = 10_000;

/**
 * A pool that rides out a PostgreSQL restart: an idle connection the server closes (restart,
 * failover, `pg_terminate_backend`, an idle timeout) is reported, not an unhandled 'error'
 * event that ends the process; a query that meets a connection failure rejects with
 * DependencyUnavailableError('store') so that callers wait and retry; the pool opens new
 * connections once the server is back.
 */
async function openPostgres(url: string, listener?: ConnectionListener): Promise<Database> {
  // Several workers share one PostgreSQL; keep each process's share of connections small.
  const pool = new pg.Pool({ connectionString: withoutJit(url), max: 5, connectionTimeoutMillis: CONNECT_TIMEOUT_MS });
  // An idle connection the server ended is only a connection lost: pg drops it from the pool and
  // opens another when needed. Whether the server itself is gone is for the next query to say;
  // reporting each ended connection would flap the state (and the log) once per connection.
  const idleLost = () => {};
  pool.on('error', idleLost);
  // A statement that met a dead connection fails (its caller retries), but the server is only
  // reported down when a fresh connection fails too: a connection ended while in use (an idle
  // timeout, pg_terminate_backend, a busy machine noticing late) is not an outage.
  const confirmOutage = (error: unknown) =>
    void pool.query('select 1').then(
      () => listener?.up(),
      () => listener?.down(error),
    );
  const run = async <T>(work: () => Promise<T>): Promise<T> => {
    try {
      const result = await work();
      listener?.up();
      return result;
    } catch (error) {
      if (isConnectionFailure(error)) confirmOutage(error);
      throw storeError(error);
    }
  };
  await run(() => pool.query('select 1'));
  return {
    kind: 'postgres',
    query: async <Row>(sql: string, params?: unknown[]) => ({ rows: (await run(() => pool.query(sql, params))).rows as Row[] }),
    exec: async (sql) => void (await run(() => pool.query(sql))),
    transaction: async (work) => {
      const client = await run(() => pool.connect());
      // A checked-out connection has no pool listener: one the server closes between two
      // statements would otherwise raise an unhandled 'error' and end the process. The next
      // statement on it fails and says so.
      client.on('error', idleLost);
      let failure: unknown;
      try {
        await run(() => client.query('begin'));
        const result = await work({
          query: async <Row>(sql: string, params?: unknown[]) => ({ rows: (await run(() => client.query(sql, params))).rows as Row[] }),
          exec: async (sql) => void (await run(() => client.query(sql))),
        });
        await run(() => client.query('commit'));
        return result;
      } catch (error) {
        failure = error;
        await client.query('rollback').catch(() => {});
        throw error;
      } finally {
        client.off('error', idleLost);
        // A connection that failed is dropped, not handed to the next caller.
        client.release(isConnectionFailure(failure) ? (failure as Error) : undefined);
      }
    },
    close: () => pool.end(),
  };
}

import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import type { Logger } from '../log.js';
import { redactUrl } from '../redact.js';
import { lockDataDirectory } from './store-lock.js';

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

export interface OpenOptions {
  /** Where a stale PGlite lock taken over is reported. */
  logger?: Logger;
}

/** `pglite://./data/chronicle`, `pglite://memory`, or `postgres://user@host/db`. */
export async function openDatabase(url: string, options: OpenOptions = {}): Promise<Database> {
  if (url.startsWith('pglite://')) return openPglite(url.slice('pglite://'.length), options);
  if (/^postgres(ql)?:\/\//.test(url)) return openPostgres(url);
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

async function openPostgres(url: string): Promise<Database> {
  // Several workers share one PostgreSQL; keep each process's share of connections small.
  const pool = new pg.Pool({ connectionString: url, max: 5 });
  await pool.query('select 1');
  return {
    kind: 'postgres',
    query: async <Row>(sql: string, params?: unknown[]) => ({ rows: (await pool.query(sql, params)).rows as Row[] }),
    exec: async (sql) => void (await pool.query(sql)),
    transaction: async (work) => {
      const client = await pool.connect();
      try {
        await client.query('begin');
        const result = await work({
          query: async <Row>(sql: string, params?: unknown[]) => ({ rows: (await client.query(sql, params)).rows as Row[] }),
          exec: async (sql) => void (await client.query(sql)),
        });
        await client.query('commit');
        return result;
      } catch (error) {
        await client.query('rollback').catch(() => {});
        throw error;
      } finally {
        client.release();
      }
    },
    close: () => pool.end(),
  };
}

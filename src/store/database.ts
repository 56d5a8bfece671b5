import { mkdirSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';

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

/** `pglite://./data/chronicle`, `pglite://memory`, or `postgres://user@host/db`. */
export async function openDatabase(url: string): Promise<Database> {
  if (url.startsWith('pglite://')) return openPglite(url.slice('pglite://'.length));
  if (/^postgres(ql)?:\/\//.test(url)) return openPostgres(url);
  throw new Error(`store.url: unsupported scheme in "${url}" (expected pglite:// or postgres://)`);
}

async function openPglite(path: string): Promise<Database> {
  const inMemory = path === '' || path === 'memory';
  if (!inMemory) mkdirSync(path, { recursive: true });
  const db = await PGlite.create(inMemory ? undefined : path);
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

import pg from 'pg';
import { randomUUID } from 'node:crypto';

/** The PostgreSQL tests use: `TEST_DATABASE_URL`, else the local service's `test` database. */
export const TEST_POSTGRES_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

/** Null when PostgreSQL answers; otherwise the reason, which the skipping test prints. */
export async function postgresUnavailableReason(url = TEST_POSTGRES_URL): Promise<string | null> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2000 });
  try {
    await client.connect();
    await client.query('select 1');
    return null;
  } catch (error) {
    return `no PostgreSQL answers at ${url} (${(error as Error).message})`;
  } finally {
    await client.end().catch(() => {});
  }
}

/** A fresh schema in the test database, so that each test starts empty; dropped by `drop()`. */
export async function createTestSchema(url = TEST_POSTGRES_URL): Promise<{ url: string; drop: () => Promise<void> }> {
  const schema = `t_${randomUUID().replaceAll('-', '').slice(0, 12)}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`create schema ${schema}`);
  await admin.end();
  const separator = url.includes('?') ? '&' : '?';
  return {
    url: `${url}${separator}options=${encodeURIComponent(`-c search_path=${schema}`)}`,
    drop: async () => {
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      await client.query(`drop schema if exists ${schema} cascade`);
      await client.end();
    },
  };
}

import type { Database } from '../../src/store/database.js';
import { openStore } from '../../src/store/store.js';
import { createTestSchema, postgresUnavailableReason } from './postgres.js';

export interface StoreBackend {
  name: string;
  skip: boolean;
  open: () => Promise<{ db: Database; drop: () => Promise<void> }>;
}

/**
 * The two stores every store test runs on: PGlite in memory, and PostgreSQL in a fresh schema
 * (skipped, saying why under `what`, where no PostgreSQL answers).
 */
export async function storeBackends(what: string): Promise<StoreBackend[]> {
  const postgresReason = await postgresUnavailableReason();
  if (postgresReason) console.warn(`${what} on PostgreSQL skipped: ${postgresReason}`);
  return [
    { name: 'PGlite', skip: false, open: async () => ({ db: await openStore('pglite://memory'), drop: async () => {} }) },
    {
      name: 'PostgreSQL',
      skip: postgresReason !== null,
      open: async () => {
        const schema = await createTestSchema();
        return { db: await openStore(schema.url), drop: schema.drop };
      },
    },
  ];
}

/** A stored event of one day, as the process stage inserts it. */
export const testEvent = (date: string, sentence: string, actors: string[] = ['Ukraine']) => ({
  date,
  granularity: 'day',
  dateStart: date,
  dateEnd: date,
  modality: 'occurred',
  summary: sentence.slice(0, 40),
  actors,
  dateText: 'on Thursday',
  sentence,
  fingerprint: sentence.toLowerCase(),
});

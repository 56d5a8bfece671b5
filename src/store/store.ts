import { openDatabase, type Database, type OpenOptions } from './database.js';
import { migrate } from './migrations.js';

/** Opens the store named by `store.url` and brings its schema up to date. */
export async function openStore(url: string, options: OpenOptions = {}): Promise<Database> {
  const db = await openDatabase(url, options);
  try {
    await migrate(db);
  } catch (error) {
    await db.close();
    throw error;
  }
  return db;
}

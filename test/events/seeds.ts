/** The five seed articles (copied into test/fixtures/seeds) with their publication dates. */
import { readFileSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const SEED_DIR = join(dirname(fileURLToPath(import.meta.url)), '..', 'fixtures', 'seeds');

export const SEED_DATES: Record<string, string> = {
  '000': '2026-02-07',
  '001': '2025-12-22',
  '002': '2025-11-24',
  '003': '2025-11-21',
  '004': '2025-11-20',
};

export function seedPath(key: string): string {
  const file = readdirSync(SEED_DIR).find((f) => f.startsWith(`${key}_`));
  if (!file) throw new Error(`seed ${key} missing from ${SEED_DIR}`);
  return join(SEED_DIR, file);
}

export function seedText(key: string): string {
  return readFileSync(seedPath(key), 'utf8');
}

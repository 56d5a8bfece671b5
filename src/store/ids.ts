import { randomBytes } from 'node:crypto';

/**
 * Text ids that sort by creation time (a base-36 millisecond clock, then randomness), so that
 * bigint columns and their driver differences (pg gives strings, PGlite numbers) never arise.
 */
export function newId(prefix: string): string {
  return `${prefix}_${Date.now().toString(36).padStart(9, '0')}${randomBytes(6).toString('hex')}`;
}

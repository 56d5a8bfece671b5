import { ValidationError } from '../errors.js';
import { decodeCursor } from '../store/article-store.js';

/**
 * Checks a cursor before the store casts its parts in SQL: a cursor that decodes but holds
 * garbage would otherwise reach PostgreSQL as a bad date and come back as a 500. The shapes
 * are those the store's list functions encode (event pages: [date_start, date, first_seen_at, id],
 * led by the rank when ranked by relevance; article and delivery pages: [created_at, id]; story
 * pages: [last_seen_at, id], the same shape).
 */
export function assertCursor(cursor: string | undefined, shape: 'events' | 'articles' | 'stories'): void {
  if (cursor === undefined) return;
  const decoded = decodeCursor(cursor);
  const ranked = shape === 'events' && decoded.length === 5;
  // A rank is a real number as PostgreSQL prints it (6.0792706e-05 included).
  if (ranked && !/^\d+(\.\d+)?(e-?\d+)?$/.test(decoded[0])) throw new ValidationError('cursor', 'not a cursor this API returned');
  const parts = ranked ? decoded.slice(1) : decoded;
  const valid =
    shape === 'events'
      ? parts.length === 4 && /^\d{4}-\d{2}-\d{2}$/.test(parts[0]) && isTimestamp(parts[2])
      : parts.length === 2 && isTimestamp(parts[0]);
  if (!valid) throw new ValidationError('cursor', 'not a cursor this API returned');
}

function isTimestamp(text: string): boolean {
  return /^\d{4}-\d{2}-\d{2}T/.test(text) && !Number.isNaN(Date.parse(text));
}

/**
 * Whether two reports name a common actor. Names meet when equal after dropping a company's legal
 * suffix, or when one is the other's first or last words ("Jobs" / "Steve Jobs", "Apple" /
 * "Apple Inc."); "Apple Corps" and "Apple Computer" are two companies and do not meet.
 */
const LEGAL_SUFFIX = /[\s,]+(?:inc|corp|corporation|co|ltd|llc|plc|ag|sa|gmbh)\.?$/i;

/** A name's words as names are compared: lower-cased, without a company's legal suffix. */
export function nameWords(name: string): string[] {
  return name.replace(LEGAL_SUFFIX, '').toLowerCase().split(/[\s-]+/).filter(Boolean);
}

export function namesMeet(a: string, b: string): boolean {
  const [x, y] = [nameWords(a), nameWords(b)];
  if (x.length === 0 || y.length === 0) return false;
  const [short, long] = x.length <= y.length ? [x, y] : [y, x];
  const head = long.slice(0, short.length).join(' ');
  const tail = long.slice(long.length - short.length).join(' ');
  const s = short.join(' ');
  return s === head || s === tail;
}

export function shareActor(a: readonly string[], b: readonly string[]): boolean {
  return a.some((x) => b.some((y) => namesMeet(x, y)));
}

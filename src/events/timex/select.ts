/**
 * Settles overlapping candidates: the longest span wins (TimeML marks the whole expression,
 * "Thursday next week", not "Thursday"), then the higher priority, then the earlier start.
 */
import type { Candidate } from './types.js';

export function selectCandidates(candidates: Candidate[], textLength: number): Candidate[] {
  const ordered = [...candidates].sort(
    (a, b) => b.end - b.start - (a.end - a.start) || (b.priority ?? 0) - (a.priority ?? 0) || a.start - b.start,
  );
  // One byte per character: O(total span length), independent of how many candidates overlap.
  const taken = new Uint8Array(textLength);
  const chosen: Candidate[] = [];
  for (const c of ordered) {
    let free = true;
    for (let i = c.start; i < c.end; i++) if (taken[i]) { free = false; break; }
    if (!free) continue;
    taken.fill(1, c.start, c.end);
    chosen.push(c);
  }
  return chosen.sort((a, b) => a.start - b.start);
}

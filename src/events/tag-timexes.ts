/**
 * The temporal tagger: finds time expressions in plain English news text and normalises them
 * to TimeML (type and value), anchored on the document creation time (dct) and the tense of
 * the clause.
 *
 * Why our own rules rather than chrono-node alone: chrono scores value F1 0.49 on TimeBank +
 * AQUAINT (see bench/timex.ts) because it has no notion of bare years, durations, weeks,
 * quarters, PRESENT_REF/PAST_REF or sets, includes "on"/"by" in spans, and resolves bare
 * weekdays and months forward where news reports look back. Regex rules in the manner of
 * HeidelTime (idea only) cover those and run in linear time.
 *
 * 1. run every rule over the text, collecting candidate spans;
 * 2. keep the longest non-overlapping ones;
 * 3. resolve the anaphoric "a year ago" family against the dates mentioned before them.
 */
import { parseDay } from './timex/calendar.js';
import { explicitRules } from './timex/rules-explicit.js';
import { relativeRules } from './timex/rules-relative.js';
import { periodRules } from './timex/rules-period.js';
import { durationRules } from './timex/rules-duration.js';
import { refRules } from './timex/rules-ref.js';
import { timeRules } from './timex/rules-time.js';
import { selectCandidates } from './timex/select.js';
import { tenseAt } from './timex/tense.js';
import { BLOCKED, type Candidate, type Rule, type RuleContext, type TimexType } from './timex/types.js';
import { resolveAnaphora } from './timex/anaphora.js';

export type { TimexType } from './timex/types.js';

export interface Timex {
  start: number;
  end: number;
  text: string;
  type: TimexType;
  value: string;
}

const RULES: Rule[] = [
  ...explicitRules, ...relativeRules, ...periodRules, ...durationRules, ...refRules, ...timeRules,
];

/** Thrown for a document date that is not a real 'YYYY-MM-DD' day. */
export class InvalidDocumentDateError extends RangeError {
  constructor(dct: string) {
    super(`invalid document date ${JSON.stringify(dct)}: expected a real date as YYYY-MM-DD`);
    this.name = 'InvalidDocumentDateError';
  }
}

export function tagTimexes(text: string, dct: string): Timex[] {
  return tagWithRules(text, dct).map(({ rule: _rule, ...timex }) => timex);
}

/** tagTimexes with the name of the rule behind each expression (for bench/timex.ts --rules). */
export function tagWithRules(text: string, dct: string): Array<Timex & { rule: string }> {
  const day = parseDay(dct);
  if (!day) throw new InvalidDocumentDateError(dct);
  if (!text) return [];
  const ctx: RuleContext = { text, dct: day, tenseAt: (s, e) => tenseAt(text, s, e) };
  const candidates = collectCandidates(ctx);
  const chosen = resolveAnaphora(selectCandidates(candidates, text.length), day).filter((c) => c.value !== BLOCKED);
  return chosen.map((c) => ({
    start: c.start, end: c.end, text: text.slice(c.start, c.end), type: c.type, value: c.value, rule: c.rule ?? '',
  }));
}

function collectCandidates(ctx: RuleContext): Candidate[] {
  const out: Candidate[] = [];
  for (const rule of RULES) {
    const re = rule.pattern;
    re.lastIndex = 0;
    for (let m = re.exec(ctx.text); m; m = re.exec(ctx.text)) {
      if (m[0].length === 0) { re.lastIndex++; continue; }
      const built = rule.build(m, ctx);
      if (built) out.push({ start: m.index, end: m.index + m[0].length, rule: rule.name, ...built });
    }
  }
  return out;
}

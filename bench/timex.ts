/**
 * Temporal tagging benchmark: TimeML documents (TempEval-3 Task A scoring, as the data's README
 * states it) scored for our tagger and for chrono-node out of the box, side by side.
 *
 *   npx tsx bench/timex.ts [dir]            default ../shared/bench/timeml (from the repo root)
 *   npx tsx bench/timex.ts [dir] --errors   also list every miss and wrong value (for tuning)
 *   npx tsx bench/timex.ts [dir] --rules    also show, per rule, how often its value is right
 *   npx tsx bench/timex.ts [dir] --noise    also count the value errors where the gold writes one reading two ways
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as chrono from 'chrono-node';
import { tagTimexes, tagWithRules } from '../src/events/tag-timexes.js';
import { exitWithUsageOnHelp } from './support/usage.js';

exitWithUsageOnHelp(import.meta.url);

interface Span { start: number; end: number; text: string; type: string; value: string; rule?: string }
interface Doc { file: string; dct: string; text: string; gold: Span[] }
type Tagger = (text: string, dct: string) => Span[];

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');

// 1. Find the documents.
function listTml(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return listTml(path);
    return name.endsWith('.tml') ? [path] : [];
  });
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

// 2. Read one: the DCT, the plain text of <TEXT> and its TIMEX3 spans in that text.
function parseTml(file: string): Doc {
  const xml = readFileSync(file, 'utf8');
  const dctMatch = /<DCT>\s*<TIMEX3[^>]*value="(\d{4}-\d{2}-\d{2})/.exec(xml);
  const body = /<TEXT>([\s\S]*?)<\/TEXT>/.exec(xml)?.[1] ?? '';
  let text = '';
  const gold: Span[] = [];
  let open: { start: number; type: string; value: string } | null = null;
  const token = /<(\/?)([A-Za-z0-9]+)([^>]*)>|&(amp|lt|gt|quot|apos);|[^<&]+|&/g;
  for (let m = token.exec(body); m; m = token.exec(body)) {
    if (m[2]) {
      if (m[2] !== 'TIMEX3') continue;
      if (!m[1]) {
        const attr = (name: string): string => new RegExp(`${name}="([^"]*)"`).exec(m![3])?.[1] ?? '';
        open = { start: text.length, type: attr('type'), value: attr('value') };
      } else if (open) {
        gold.push({ ...open, end: text.length, text: text.slice(open.start) });
        open = null;
      }
    } else if (m[4]) text += ENTITIES[m[4]];
    else text += m[0];
  }
  return { file, dct: dctMatch?.[1] ?? '', text, gold };
}

// 3. chrono-node out of the box, its parsed components mapped to TimeML at the known granularity.
function chronoTagger(text: string, dct: string): Span[] {
  const ref = new Date(`${dct}T12:00:00Z`);
  return chrono.parse(text, ref).map((r) => {
    const c = r.start;
    const pad = (n: number | null): string => String(n ?? 0).padStart(2, '0');
    const y = c.get('year'), mo = c.get('month'), d = c.get('day');
    let value: string;
    let type = 'DATE';
    if (c.isCertain('hour')) { type = 'TIME'; value = `${y}-${pad(mo)}-${pad(d)}T${pad(c.get('hour'))}:${pad(c.get('minute'))}`; }
    else if (c.isCertain('day') || c.isCertain('weekday')) value = `${y}-${pad(mo)}-${pad(d)}`;
    else if (c.isCertain('month')) value = `${y}-${pad(mo)}`;
    else if (c.isCertain('year')) value = String(y);
    else value = `${y}-${pad(mo)}-${pad(d)}`;
    return { start: r.index, end: r.index + r.text.length, text: r.text, type, value };
  });
}

// 4. Score: pair overlapping spans one to one, greedily in text order.
interface Counts { sys: number; gold: number; pairs: number; strict: number; value: number; type: number }
const zero = (): Counts => ({ sys: 0, gold: 0, pairs: 0, strict: 0, value: 0, type: 0 });

/** Per rule: expressions proposed, and how many of them carry the gold value (--rules). */
const byRule = new Map<string, { sys: number; value: number }>();

function scoreDoc(gold: Span[], sys: Span[], counts: Counts, errors?: ScoreError[], doc?: Doc): void {
  for (const s of sys) if (s.rule !== undefined && !byRule.has(s.rule)) byRule.set(s.rule, { sys: 0, value: 0 });
  for (const s of sys) if (s.rule !== undefined) byRule.get(s.rule)!.sys++;
  counts.sys += sys.length;
  counts.gold += gold.length;
  const used = new Set<number>();
  for (const g of gold) {
    const i = sys.findIndex((s, k) => !used.has(k) && s.start < g.end && g.start < s.end);
    if (i < 0) { if (doc) errors?.push({ kind: 'MISS', doc, gold: g }); continue; }
    used.add(i);
    const s = sys[i];
    counts.pairs++;
    if (s.text === g.text) counts.strict++;
    if (s.value === g.value) { counts.value++; if (s.rule !== undefined) byRule.get(s.rule)!.value++; }
    else if (doc) errors?.push({ kind: 'VALUE', doc, gold: g, sys: s });
    if (s.type === g.type) counts.type++;
  }
  sys.forEach((s, k) => {
    if (!used.has(k) && doc) errors?.push({ kind: 'EXTRA', doc, sys: s });
  });
}

/** A miss, an extra expression, or a pair whose values differ. */
interface ScoreError { kind: 'MISS' | 'EXTRA' | 'VALUE'; doc: Doc; gold?: Span; sys?: Span }

function formatError(e: ScoreError): string {
  const { gold: g, sys: s, doc } = e;
  if (e.kind === 'MISS') return `MISS  ${doc.dct} ${g!.type} ${g!.value}  «${g!.text}»  …${context(doc, g!)}…`;
  if (e.kind === 'EXTRA') return `EXTRA ${doc.dct} ${s!.type} ${s!.value}  «${s!.text}» [${s!.rule ?? ''}]  …${context(doc, s!)}…`;
  return `VALUE ${doc.dct} gold ${g!.type} ${g!.value} «${g!.text}» ours ${s!.type} ${s!.value} «${s!.text}» [${s!.rule ?? ''}]  …${context(doc, g!)}…`;
}

const DAY_MS = 86_400_000;

/**
 * Value errors where the gold writes one reading two ways across the corpus, so that no rule can
 * match both (--noise): each pattern is checked against the pair, nothing is tuned to it.
 */
const GOLD_VARIANTS: Array<[string, (gold: string, ours: string, rule: string) => boolean]> = [
  ['a week number unpadded (2000-W6; 31 others padded, 1998-W06)', (g, o) => /^\d{4}-W\d$/.test(g) && o === `${g.slice(0, 6)}0${g.slice(6)}`],
  ['a year written 1968-XX or 1994-XX-XX (112 others written 1968)', (g, o) => /^\d{4}(?:-XX)+$/.test(g) && o === g.slice(0, 4)],
  ['a decade written 196X (six others written 198)', (g, o) => /^\d{3}X$/.test(g) && o === g.slice(0, 3)],
  ['"last/this/next week" written WXX (28 others carry the week number)', (g, o) => /^\d{4}-WXX$/.test(g) && /^\d{4}-W\d\d$/.test(o)],
  ['"last week"/"this month" written as a duration (P1W, P1M)', (g, o) => /^P1[WM]$/.test(g) && /^\d{4}-(?:W\d\d|\d\d)$/.test(o)],
  ['"last/this week" written as a month', (g, o, rule) => rule === 'relative-unit' && /^\d{4}-\d\d(?:-XX)?$/.test(g) && /^\d{4}-W\d\d$/.test(o)],
];

/** Weekdays a week off the gold's, in a document where at least three are: its gold is anchored a week away. */
function weekOffDocuments(errors: ScoreError[]): Set<ScoreError> {
  const weekOff = errors.filter((e) => e.kind === 'VALUE' && e.sys!.rule === 'weekday'
    && /^\d{4}-\d\d-\d\d$/.test(e.gold!.value) && /^\d{4}-\d\d-\d\d$/.test(e.sys!.value)
    && Math.abs(Date.parse(e.gold!.value) - Date.parse(e.sys!.value)) === 7 * DAY_MS);
  const perDoc = new Map<Doc, number>();
  for (const e of weekOff) perDoc.set(e.doc, (perDoc.get(e.doc) ?? 0) + 1);
  return new Set(weekOff.filter((e) => perDoc.get(e.doc)! >= 3));
}

function noiseReport(errors: ScoreError[], counts: Counts): string[] {
  const shifted = weekOffDocuments(errors);
  const tally = new Map<string, number>();
  let variants = 0;
  for (const e of errors) {
    let label = e.kind === 'VALUE' ? 'other value errors' : e.kind;
    if (shifted.has(e)) label = 'a weekday a week off, in a document with 3 or more such (gold anchored a week away)';
    else if (e.kind === 'VALUE') label = GOLD_VARIANTS.find(([, test]) => test(e.gold!.value, e.sys!.value, e.sys!.rule ?? ''))?.[0] ?? label;
    if (label !== 'other value errors' && e.kind === 'VALUE') variants++;
    tally.set(label, (tally.get(label) ?? 0) + 1);
  }
  const both = counts.sys + counts.gold;
  return [
    ...[...tally].sort((a, b) => b[1] - a[1]).map(([label, n]) => `${String(n).padStart(5)}  ${label}`),
    `value F1 ${fmt((2 * counts.value) / both)}; with the ${variants} gold-variant pairs counted right it would be ${fmt((2 * (counts.value + variants)) / both)}`,
  ];
}

function context(doc: Doc | undefined, s: Span): string {
  if (!doc) return '';
  return doc.text.slice(Math.max(0, s.start - 60), s.end + 40).replace(/\s+/g, ' ');
}

const f1 = (p: number, r: number): number => (p + r === 0 ? 0 : (2 * p * r) / (p + r));
const fmt = (x: number): string => (100 * x).toFixed(2).padStart(6);

function report(name: string, c: Counts, ms: number): string {
  const p = c.pairs / c.sys;
  const r = c.pairs / c.gold;
  const both = c.sys + c.gold;
  return `${name.padEnd(22)} ${fmt(p)} ${fmt(r)} ${fmt(f1(p, r))}   ${fmt((2 * c.strict) / both)}   ${fmt((2 * c.value) / both)}  ${fmt((2 * c.type) / both)}   ${String(Math.round(ms)).padStart(6)}`;
}

function run(docs: Doc[], tagger: Tagger, errors?: ScoreError[]): { counts: Counts; ms: number } {
  const counts = zero();
  let ms = 0;
  for (const doc of docs) {
    const t0 = performance.now();
    const sys = tagger(doc.text, doc.dct);
    ms += performance.now() - t0;
    scoreDoc(doc.gold, sys, counts, errors, doc);
  }
  return { counts, ms };
}

// 5. Main.
const args = process.argv.slice(2);
const showErrors = args.includes('--errors');
const showRules = args.includes('--rules');
const showNoise = args.includes('--noise');
const dirArg = args.find((a) => !a.startsWith('--'));
const dir = dirArg ? resolve(dirArg) : resolve(repoRoot, '../shared/bench/timeml');
if (!existsSync(dir)) {
  console.error(`bench/timex: TimeML data not found at ${dir}\n(pass the directory holding the .tml files as the first argument)`);
  process.exit(1);
}
const docs = listTml(dir).sort().map(parseTml).filter((d) => d.dct);
if (docs.length === 0) {
  console.error(`bench/timex: no .tml documents with a DCT under ${dir}`);
  process.exit(1);
}
const errors: ScoreError[] = [];
const ours = run(docs, showRules || showErrors || showNoise ? tagWithRules : tagTimexes, showErrors || showNoise ? errors : undefined);
const base = run(docs, chronoTagger);
console.log(`TimeML: ${docs.length} documents, ${ours.counts.gold} gold expressions (${dir})`);
console.log(`${'system'.padEnd(22)}      P      R  relF1   strictF1   valueF1  typeF1       ms`);
console.log(report('chronicle tagTimexes', ours.counts, ours.ms));
console.log(report('chrono-node (as is)', base.counts, base.ms));
// 6. Pinned figures (TBAQ-cleaned, this commit's rules): a change that lowers one says so here.
const PINNED = { relaxedF1: 94.15, strictF1: 87.03, valueF1: 82.39, typeF1: 91.13 };
const both = ours.counts.sys + ours.counts.gold;
const now = {
  relaxedF1: 100 * f1(ours.counts.pairs / ours.counts.sys, ours.counts.pairs / ours.counts.gold),
  strictF1: (200 * ours.counts.strict) / both,
  valueF1: (200 * ours.counts.value) / both,
  typeF1: (200 * ours.counts.type) / both,
};
const lower = (Object.keys(PINNED) as Array<keyof typeof PINNED>).filter((k) => now[k] < PINNED[k] - 0.005);
if (dirArg === undefined) {
  console.log(lower.length === 0
    ? `pinned figures held (relaxed ${PINNED.relaxedF1}, strict ${PINNED.strictF1}, value ${PINNED.valueF1}, type ${PINNED.typeF1})`
    : `BELOW PINNED: ${lower.map((k) => `${k} ${now[k].toFixed(2)} < ${PINNED[k]}`).join(', ')}`);
}
if (showErrors) console.log(errors.map(formatError).join('\n'));
if (showNoise) console.log(noiseReport(errors, ours.counts).join('\n'));
if (showRules) {
  for (const [rule, c] of [...byRule].sort((a, b) => b[1].sys - a[1].sys)) {
    console.log(`${rule.padEnd(20)} ${String(c.sys).padStart(5)} proposed, ${fmt(c.value / c.sys)}% with the gold value`);
  }
}

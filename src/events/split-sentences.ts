/**
 * Sentence splitting for news text. A full stop ends a sentence only when what follows looks
 * like a new one (a capital, a digit, a name such as "iPhone" or an opening quote after whitespace) and what precedes is
 * not an abbreviation ("Gen.", "Sept."), an initial ("J. R. Smith"), or a dotted acronym in
 * mid-sentence ("the U.S. embassy"). Decimals never split (no space after the point). Line
 * breaks end a sentence (paragraphs, headlines, list items) unless the line stops mid-sentence
 * and the next one carries on in lower case. Linear time: one scan, no backtracking patterns.
 */
export interface Sentence {
  start: number;
  end: number;
  text: string;
}

const ABBREVIATIONS = new Set([
  'mr', 'mrs', 'ms', 'dr', 'prof', 'gen', 'lt', 'col', 'sgt', 'capt', 'maj', 'adm', 'cmdr', 'gov', 'sen',
  'rep', 'reps', 'sens', 'pres', 'rev', 'hon', 'st', 'ste', 'mt', 'ft', 'jr', 'sr', 'inc', 'corp', 'co', 'ltd',
  'llc', 'plc', 'bros', 'dept', 'univ', 'assn', 'no', 'nos', 'vs', 'v', 'etc', 'approx', 'est', 'fig', 'vol',
  'jan', 'feb', 'mar', 'apr', 'jun', 'jul', 'aug', 'sep', 'sept', 'oct', 'nov', 'dec', 'mon', 'tue', 'tues',
  'wed', 'thu', 'thur', 'thurs', 'fri', 'sat', 'sun', 'al', 'ave', 'blvd', 'rd', 'cf', 'e.g', 'i.e', 'a.m',
  'p.m', 'ph.d', 'u.s', 'u.k', 'u.n', 'e.u', 'd.c',
]);

/** Words that start a new sentence even right after "U.S." or "a.m.". */
const SENTENCE_STARTERS = new Set([
  'The', 'A', 'An', 'He', 'She', 'It', 'They', 'We', 'I', 'You', 'But', 'And', 'In', 'On', 'At', 'This', 'That',
  'These', 'Those', 'There', 'His', 'Her', 'Their', 'Its', 'Our', 'However', 'Meanwhile', 'Officials', 'After',
  'As', 'When', 'While', 'Since', 'If', 'Some', 'Many', 'Most', 'No', 'Yet', 'So', 'Still', 'Also', 'Then',
  'Now', 'What', 'Who', 'Why', 'How', 'Police', 'Both', 'Neither', 'One', 'Two', 'Three',
]);

/** After "a.m."/"p.m." a capital starts a new sentence unless it continues the time ("5 p.m. EST Friday"). */
const TIME_CONTINUERS =
  /^(?:[ECMP][SD]T|GMT|UTC|BST|CET|EET|MSK|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|January|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)$/;

const CLOSERS = new Set(['"', '”', '’', "'", ')', ']']);
const OPENERS = new Set(['"', '“', '‘', "'", '(', '[']);

export function splitSentences(text: string): Sentence[] {
  const out: Sentence[] = [];
  for (const [start, end] of blocks(text)) splitBlock(text, start, end, out);
  return out;
}

/** Lines, joined again where a line breaks off mid-sentence and the next goes on in lower case. */
function blocks(text: string): Array<[number, number]> {
  const lines: Array<[number, number]> = [];
  let from = 0;
  for (let i = 0; i <= text.length; i++) {
    if (i === text.length || text[i] === '\n') {
      if (/\S/.test(text.slice(from, i))) lines.push([from, i]);
      from = i + 1;
    }
  }
  const merged: Array<[number, number]> = [];
  for (const line of lines) {
    const prev = merged[merged.length - 1];
    if (prev && continues(text, prev, line)) prev[1] = line[1];
    else merged.push([line[0], line[1]]);
  }
  return merged;
}

function continues(text: string, prev: [number, number], next: [number, number]): boolean {
  const tail = text.slice(Math.max(prev[0], prev[1] - 2), prev[1]).trimEnd();
  const head = text.slice(next[0], next[0] + 2).trimStart();
  return /[a-z,]$/.test(tail) && /^[a-z]/.test(head);
}

function splitBlock(text: string, start: number, end: number, out: Sentence[]): void {
  let from = start;
  for (let i = start; i < end; i++) {
    const c = text[i];
    if (c !== '.' && c !== '!' && c !== '?') continue;
    let j = i + 1;
    while (j < end && (text[j] === '.' || text[j] === '!' || text[j] === '?' || CLOSERS.has(text[j]))) j++;
    if (j >= end) break;
    if (!/\s/.test(text[j])) continue;
    let k = j;
    while (k < end && /\s/.test(text[k])) k++;
    if (k >= end) break;
    if (!startsSentence(text, k, end)) continue;
    if (c === '.' && !endsSentence(text, from, i, k, end)) continue;
    push(text, from, j, out);
    from = k;
    i = k - 1;
  }
  push(text, from, end, out);
}

function startsSentence(text: string, k: number, end: number): boolean {
  let p = k;
  while (p < end && OPENERS.has(text[p])) p++;
  // A typographic opening quote after a full stop opens a new sentence even when sloppy copy
  // goes on in lower case ("… today. “the Americans stayed …”"); a straight quote may close.
  if (text[k] === '“' && p < end && /\p{L}/u.test(text[p])) return true;
  if (p < end && /[\p{Lu}\d]/u.test(text[p])) return true;
  // A name written with a small first letter and a capital after it opens a sentence as any
  // name does: "… outsell iPhones. iPhone users account for …", "eBay said …".
  return /^\p{Ll}{1,2}\p{Lu}/u.test(text.slice(p, Math.min(end, p + 3)));
}

/** Whether the full stop at `dot` ends the sentence, given the word before it and the one after. */
function endsSentence(text: string, from: number, dot: number, next: number, end: number): boolean {
  let w = dot;
  while (w > from && !/\s/.test(text[w - 1]) && !OPENERS.has(text[w - 1])) w--;
  const word = text.slice(w, dot);
  const nextWord = /^[\p{L}]+/u.exec(text.slice(next, Math.min(end, next + 20)).replace(/^["“‘'(]+/, ''))?.[0] ?? '';
  // A single capital before the point is an initial ("J. R. Smith"), unless a sentence clearly begins.
  if (/^\p{Lu}$/u.test(word)) return SENTENCE_STARTERS.has(nextWord);
  const key = word.toLowerCase().replace(/\.$/, '');
  if (key === 'a.m' || key === 'p.m') return !TIME_CONTINUERS.test(nextWord);
  if (/^(?:\p{L}\.)+\p{L}$/u.test(word) || ABBREVIATIONS.has(key)) return SENTENCE_STARTERS.has(nextWord) && !/^(?:jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec|mr|mrs|ms|dr|gen|lt|col|sgt|capt|maj|adm|gov|sen|rep|prof|rev|st)$/.test(key);
  return true;
}

function push(text: string, from: number, to: number, out: Sentence[]): void {
  while (from < to && /\s/.test(text[from])) from++;
  while (to > from && /\s/.test(text[to - 1])) to--;
  if (to > from) out.push({ start: from, end: to, text: text.slice(from, to) });
}

/**
 * Dated events from article text: for each sentence whose predicate is anchored by a date
 * (DATE or TIME expression with a definite value), one event with its date at its granularity,
 * its modality, actors, a short summary, the date's text and the sentence.
 *
 * 1. read the publication date (the anchor of every relative date);
 * 2. tag time expressions over the whole text (tense and anaphora need the context);
 * 3. split into sentences, dropping residue lines (reading times, bylines, donation appeals …);
 * 4. in each sentence pick the anchoring date: the first definite one that is not in brackets,
 *    not an "as of" table header and not part of a dateline; a coordinated predicate with a
 *    date of its own ("… by June and has offered talks as early as next week") is an event too;
 * 5. build the event: modality from the words around the date, summary from its clause,
 *    actors from the names in the sentence.
 */
import { commonWordsOf, findActors, namesInTextOf } from './actors.js';
import { DATELINE, isResidue } from './boilerplate.js';
import { appositionOf } from './appositive-date.js';
import { boundedAgoDate } from './bounded-ago.js';
import { datedAct, retoldAct, sinceAct, type DatedAct } from './dated-acts.js';
import { eventDate } from './event-date.js';
import { participialClauseOf, type ParticipialClause } from './participial-clause.js';
import { laterThanScene } from './interval-later.js';
import type { DateBasis, EventDate, ExtractedEvent } from './event-types.js';
import { happeningOf, isBackground, isBareAttribution, isLongAgo, tellingBefore, type Predicate } from './happening.js';
import { isAttributiveYear, isNounModifier, isReferenceDate } from './reference-dates.js';
import { modalityOf } from './modality.js';
import { newNameTally, protagonistOf, tallyNames, withPronounSubject, type NameTally } from './protagonist.js';
import { splitSentences, type Sentence } from './split-sentences.js';
import { summarise } from './summary.js';
import { tagTimexes, type Timex } from './tag-timexes.js';
import { parseDay } from './timex/calendar.js';
import { IRREGULAR_PAST_PATTERN } from './verbs.js';

export type { DateBasis, EventDate, ExtractedEvent, Granularity, Modality } from './event-types.js';

/** Longer "sentences" are runs of text with no full stop (tables, scraped junk), not sentences. */
const MAX_SENTENCE = 1_500;
const MAX_ACTORS = 8;

/** Thrown for a publication date that no date parser reads. */
export class InvalidPublishedAtError extends RangeError {
  constructor(value: string) {
    super(`invalid publishedAt ${JSON.stringify(value)}: expected YYYY-MM-DD or an ISO 8601 date-time`);
    this.name = 'InvalidPublishedAtError';
  }
}

export function extractEvents(text: string, options: { publishedAt: string }): ExtractedEvent[] {
  // 1. The publication day.
  const published = publicationDay(options.publishedAt);
  if (!text || !/\S/.test(text)) return [];
  // 2. Time expressions, once over the whole text.
  const timexes = tagTimexes(text, published);
  // 3–6. Sentence by sentence, carrying the date a following sentence may continue.
  const events: ExtractedEvent[] = [];
  const context: Context = { date: null, latest: null, actors: [], acts: [], pending: [], age: 0, read: 0, newsDay: null, commonWords: commonWordsOf(text), namesInText: namesInTextOf(text), names: newNameTally() };
  let next = 0;
  for (const sentence of splitSentences(text)) {
    while (next < timexes.length && timexes[next].end <= sentence.start) next++;
    const inside: Timex[] = [];
    for (let k = next; k < timexes.length && timexes[k].start < sentence.end; k++) inside.push(timexes[k]);
    events.push(...eventsOf(text, sentence, inside, published, context));
  }
  return resolvePending(events, context);
}

/**
 * An act told before the article dates it ("Since its launch the store has sold 3 billion songs.
 * … Apple launched the store on April 28, 2003."): the nearest dated act after the mention dates
 * it; an event kept only for that (a past perfect, a second event for "since …") goes otherwise.
 */
function resolvePending(events: ExtractedEvent[], context: Context): ExtractedEvent[] {
  if (context.pending.length === 0) return events;
  const dropped = new Set<ExtractedEvent>();
  for (const { event, seen, tentative, resolve } of context.pending) {
    const date = resolve(context.acts.slice(seen).reverse());
    if (date) Object.assign(event, { date: date.date, granularity: date.granularity, dateBasis: 'context' });
    else if (tentative) dropped.add(event);
  }
  return dropped.size ? events.filter((e) => !dropped.has(e)) : events;
}

/**
 * 'YYYY-MM-DD' from a date or an ISO date-time (its calendar date as written, i.e. the local
 * date of publication). Other forms a feed may carry ("Fri, 21 Nov 2025 10:00:00 GMT") are read
 * by Date.parse and taken in UTC; what no parser reads is an error, never a guess.
 */
export function publicationDay(publishedAt: string): string {
  const value = String(publishedAt ?? '').trim();
  if (/^\d{4}-\d{2}-\d{2}/.test(value)) {
    const day = parseDay(value);
    if (!day || (value.length > 10 && Number.isNaN(Date.parse(value)))) throw new InvalidPublishedAtError(value);
    return value.slice(0, 10);
  }
  const ms = /[a-z]{3}/i.test(value) && /\d{4}/.test(value) ? Date.parse(value) : Number.NaN;
  if (Number.isNaN(ms)) throw new InvalidPublishedAtError(value);
  return new Date(ms).toISOString().slice(0, 10);
}

/**
 * The date a sentence may continue: the last text date of a past happening, kept while the
 * following sentences go on telling the same scene ("Jobs said yesterday …", "He also showed …").
 */
interface Context {
  date: EventDate | null;
  /**
   * The latest date the last dated sentence told ("He started Apple in 1976, and in 1984 …"):
   * the point a "One year later" steps on from (interval-later.ts). It does not fade: the span
   * says itself that it follows the last told time.
   */
  latest: EventDate | null;
  actors: string[];
  /** The acts before publication the article has dated so far, for a later bare mention of one ("since its launch"). */
  acts: DatedAct[];
  /** Undated mentions of an act the article had not dated yet: a later dated act may date them. */
  pending: Pending[];
  /** Sentences since the scene was last told; it fades after CONTEXT_SPAN of them. */
  age: number;
  /** Sentences read so far. */
  read: number;
  /**
   * The day the lede says the news happened ("Apple announced Friday …" in a Saturday report):
   * the simple-past acts the article tells without a date are that day's, not the report's.
   */
  newsDay: EventDate | null;
  /** Words the article writes in lower case: a sentence opener among them is no name ("Shop owners …"). */
  commonWords: ReadonlySet<string>;
  /** Words the article writes as a name inside a sentence: a sentence opener among them is a name ("Apple unveiled …"). */
  namesInText: ReadonlySet<string>;
  /** The names read so far, to know the protagonist a "He …" sentence speaks of. */
  names: NameTally;
}

interface Pending {
  event: ExtractedEvent;
  /** How many acts were known at the mention: the later ones may date it. */
  seen: number;
  /** Kept only if a later act dates it. */
  tentative: boolean;
  resolve: (later: readonly DatedAct[]) => EventDate | null;
}

/** How many opening sentences count as the lede, and how many days before publication its day may lie. */
const LEDE_SENTENCES = 2;
const NEWS_DAY_BACK = 3;

/**
 * How many sentences a dated scene is carried over sentences that do not go on with it (a quote,
 * a description) before an undated act no longer belongs to it: a press conference told over a
 * dozen sentences mixes its acts with background lines.
 */
const CONTEXT_SPAN = 1;

/**
 * "Jobs, born in San Francisco on February 24, 1955, has built …": the participle's act is an
 * event of its own, dated by its date (appositive-date.ts); the sentence is then read without
 * the participle, so that its predicate is dated as it would be with no such date.
 */
function eventsOf(text: string, whole: Sentence, all: Timex[], published: string, context: Context): ExtractedEvent[] {
  const inSentence = all.filter((t) => t.start >= whole.start && t.end <= whole.end && (t.type === 'DATE' || t.type === 'TIME'));
  for (const timex of inSentence) {
    const apposition = appositionOf(whole.text, timex.start - whole.start, timex.end - whole.start);
    const date = apposition ? eventDate(timex.value) : null;
    if (!apposition || !date) continue;
    const [from, to] = [whole.start + apposition.start, whole.start + apposition.end];
    const rest: Sentence = { ...whole, text: `${whole.text.slice(0, apposition.start)}${' '.repeat(to - from)}${whole.text.slice(apposition.end)}` };
    const flat = whole.text.replace(/\s+/g, ' ');
    const told = eventsOfSentence(text, rest, all.filter((t) => t.end <= from || t.start >= to), published, context).map((event) => ({ ...event, sentence: flat }));
    if (date.to < published) context.acts.push(datedAct(apposition.summary, date));
    const background: ExtractedEvent = {
      date: date.date,
      granularity: date.granularity,
      dateBasis: 'text',
      modality: 'occurred',
      summary: apposition.summary.replace(/\s+/g, ' ').trim(),
      actors: (told[0]?.actors ?? []).filter((actor) => apposition.summary.includes(actor)),
      dateText: text.slice(timex.start, timex.end),
      sentence: flat,
    };
    return [...told, background];
  }
  const told = eventsOfSentence(text, whole, all, published, context);
  const clause = told.length > 0 ? participialClauseOf(whole.text) : null;
  // A date inside the clause already made the clause's act an event of that date.
  if (!clause || inSentence.some((t) => t.start < whole.start + clause.end)) return told;
  return [...told, clauseEvent(whole.text, clause, told[0])];
}

/**
 * "While introducing iPhone 4, … Jobs started by hinting …": the opening clause's act, by the
 * main clause's subject at the main clause's time (participial-clause.ts).
 */
function clauseEvent(sentence: string, clause: ParticipialClause, main: ExtractedEvent): ExtractedEvent {
  const rest = sentence.slice(clause.end);
  const subject = main.actors.map((actor) => ({ actor, at: rest.indexOf(actor) })).filter((a) => a.at >= 0).sort((a, b) => a.at - b.at)[0]?.actor;
  const act = sentence.slice(clause.start, clause.end).replace(/\s+/g, ' ').trim();
  const actors = main.actors.filter((actor) => actor === subject || act.includes(actor));
  // The clause's act shares the main clause's time and so its mood ("After unveiling the iPad next
  // week, Apple will ship it"); a statement's is the act's, which occurred.
  const modality = main.modality === 'reported' ? 'occurred' : main.modality;
  return { ...main, modality, summary: subject ? `${act}, ${subject}` : act, actors, dateText: '' };
}

function eventsOfSentence(text: string, whole: Sentence, all: Timex[], published: string, context: Context): ExtractedEvent[] {
  const before = context.age < CONTEXT_SPAN ? context.date : null;
  context.age += 1;
  if (whole.text.length > MAX_SENTENCE) return [];
  // A dateline ("NAIROBI, Nov. 20 (Xinhua) --") dates the copy, not the event: read what follows it.
  const sentence = withoutDateline(whole);
  const timexes = all.filter((t) => t.start >= sentence.start);
  if (isResidue(sentence.text, lineOf(text, sentence.start))) return [];
  if (!hasVerb(sentence.text)) return [];
  const lede = context.read++ < LEDE_SENTENCES;
  const local = (i: number): number => i - sentence.start;
  let openerNamed = false;
  const actorsOf = (): string[] => {
    const named = findActors(sentence.text, timexes.map((t) => [local(t.start), local(t.end)] as [number, number]), context.commonWords, context.namesInText);
    tallyNames(context.names, named);
    const protagonist = protagonistOf(context.names);
    openerNamed = isNamedOpener(sentence.text, named, context.namesInText, protagonist);
    return withPronounSubject(sentence.text, named, protagonist).slice(0, MAX_ACTORS);
  };
  const withOpener = (event: ExtractedEvent): ExtractedEvent => (openerNamed ? { ...event, openerNamed } : event);
  const flat = sentence.text.replace(/\s+/g, ' ');
  // 4. Dated by the text: the anchoring dates, not the points of comparison.
  const anchors = anchorsOf(text, sentence, timexes, published);
  if (anchors.length > 0) {
    if (isBareAttribution(sentence.text)) return [];
    const actors = actorsOf();
    const first = anchors[0].date;
    // "Steve announced that Leopard would be released in 2007": the date is the told happening's;
    // the telling is a happening of its own, dated as an undated act is. A recent day may be the
    // telling's own ("said in a statement they had drafted a framework after talks on Sunday"):
    // then the sentence stays one event.
    const telling = isRecentDay(first, published) ? null : tellingBefore(sentence.text, local(anchors[0].timex.start));
    const told = telling ? undatedDate(sentence.text, telling, actors, before, context, published) : null;
    if (telling && told) {
      Object.assign(context, { date: told[0], actors: [...new Set([...context.actors, ...actors])], age: 0 });
    } else {
      Object.assign(context, first.to <= published ? { date: first, actors, age: 0 } : { date: null, actors: [], age: 0 });
      context.latest = latestPast(anchors, published) ?? context.latest;
      if (lede && !context.newsDay && isRecentDay(first, published)) context.newsDay = first;
    }
    const tellingEvents: ExtractedEvent[] = telling && told ? [{
      date: told[0].date,
      granularity: told[0].granularity,
      dateBasis: told[1],
      modality: 'reported',
      summary: summarise(sentence.text, telling.start, telling.end),
      actors,
      dateText: '',
      sentence: flat,
    }] : [];
    const datedEvents = anchors.map(({ timex, date, end }) => {
      const summary = summarise(sentence.text, local(timex.start), local(end));
      // Only an act before the report's day can be the background a later mention retells.
      if (date.to < published) context.acts.push(datedAct(summary, date));
      return {
        date: date.date,
        granularity: date.granularity,
        dateBasis: 'text' as const,
        modality: modalityOf(text, timex.start, end, date, published),
        summary,
        actors,
        dateText: text.slice(phraseStart(text, timex.start), end),
        sentence: flat,
      };
    });
    return [...datedEvents, ...tellingEvents].map(withOpener);
  }
  // 5. No date in the text: a reported act, dated by the scene it continues or by the report's day.
  // A date in brackets is a citation ("(France 24, 14 Dec 2025)"): the act is not the day's news.
  if (timexes.some((t) => inBrackets(text, sentence.start, t.start))) return [];
  const predicate = happeningOf(sentence.text);
  if (!predicate || predicate.time === 'future' || predicate.time === 'none') return [];
  const actors = actorsOf();
  // "One year later he was fired": the last told time stepped on by the span.
  const stepped = laterThanScene(text, timexes, context.latest, published);
  if (stepped) Object.assign(context, { date: stepped, latest: stepped, actors: [...new Set([...context.actors, ...actors])], age: 0 });
  const modality = STATEMENT_VERB.test(sentence.text.slice(predicate.start, predicate.end)) ? 'reported' : 'occurred';
  const event = (date: EventDate, dateBasis: DateBasis, start: number, end: number): ExtractedEvent =>
    withOpener({ date: date.date, granularity: date.granularity, dateBasis, modality, summary: summarise(sentence.text, start, end), actors, dateText: '', sentence: flat });
  if (stepped) return [event(stepped, 'context', predicate.start, predicate.end)];
  // "has sold … since its launch": the act dated earlier in the article anchors the perfect, as a
  // date after "since" would. A simple-past act beside it ("was recommended … and has been
  // serving since the beginning of his leave") is one more event, of its own day.
  // An act the article dates only further on is resolved once the article is read (resolvePending).
  const perfect = /\b(?:has|have|had)\b/.test(sentence.text);
  const since = perfect ? sinceAct(sentence.text, context.acts) : null;
  if (since && predicate.time !== 'past') return [event(since.date, 'context', predicate.start, predicate.end)];
  const background = isBackground(sentence.text, predicate);
  const verb = sentence.text.slice(predicate.start, predicate.end);
  const retold = background ? retoldAct(verb, sentence.text, context.acts) : null;
  if (retold) return [event(retold.date, 'context', predicate.start, predicate.end)];
  const seen = context.acts.length;
  const later = (resolve: Pending['resolve'], made: ExtractedEvent, tentative: boolean): ExtractedEvent => {
    context.pending.push({ event: made, seen, tentative, resolve });
    return made;
  };
  const laterSince = (acts: readonly DatedAct[]): EventDate | null => sinceAct(sentence.text, acts)?.date ?? null;
  const laterRetold = (acts: readonly DatedAct[]): EventDate | null => retoldAct(verb, sentence.text, acts)?.date ?? null;
  const dated = undatedDate(sentence.text, predicate, actors, before, context, published);
  const sinceEvent = since ? [event(since.date, 'context', since.start, since.end)] : [];
  if (!dated) {
    // A past perfect with no date of its own: an event only if a later act dates it.
    if (background && !since) return [later(laterRetold, event(eventDate(published)!, 'publication', predicate.start, predicate.end), true)];
    return sinceEvent;
  }
  const main = event(dated[0], dated[1], predicate.start, predicate.end);
  if (!since && perfect && predicate.time !== 'past' && dated[1] === 'publication' && SINCE.test(sentence.text)) return [later(laterSince, main, false)];
  if (!since && perfect && SINCE.test(sentence.text)) {
    const at = sentence.text.search(SINCE);
    return [main, later(laterSince, event(dated[0], dated[1], at, at + 5), true)];
  }
  // A date the scene or the lede gave stands; only the report's day, a guess, is replaced.
  if (background && dated[1] === 'publication') return [later(laterRetold, main, false)];
  return [main, ...sinceEvent];
}

const SINCE = /\b[Ss]ince\b/;

/** The latest of a sentence's anchoring dates that lies before the report's day. */
function latestPast(anchors: readonly Anchor[], published: string): EventDate | null {
  let latest: EventDate | null = null;
  for (const { date } of anchors) if (date.to <= published && (!latest || date.from > latest.from)) latest = date;
  return latest;
}

/**
 * Whether the sentence opens with a one-word actor the article shows to be a name: written as a
 * name inside a sentence elsewhere (namesInTextOf), or a word of the person it names most. The
 * merge then takes it for a participant though it only opens the sentence ("Apple said …" in
 * two outlets); a capitalised common word ("Local businesses …") is not so shown.
 */
function isNamedOpener(sentence: string, actors: readonly string[], namesInText: ReadonlySet<string>, protagonist: string | null): boolean {
  const opener = /^[^\p{L}\p{N}]*(\p{Lu}[\p{L}\p{M}-]*)/u.exec(sentence)?.[1];
  if (!opener || !actors.includes(opener)) return false;
  return namesInText.has(opener) || (protagonist?.split(/\s+/).includes(opener) ?? false);
}

/**
 * The date of an act the text does not date: the scene it continues, else (a simple past) the
 * day the lede gave the news, else the report's day; none for a past perfect.
 */
function undatedDate(sentence: string, predicate: Predicate, actors: string[], before: EventDate | null, context: Context, published: string): [EventDate, DateBasis] | null {
  // Some vague time ago: neither the scene told before nor the report's day.
  if (isLongAgo(sentence)) return null;
  if (before && continues(sentence, actors, before, context.actors)) {
    Object.assign(context, { age: 0, actors: [...new Set([...context.actors, ...actors])] });
    return [before, 'context'];
  }
  if (predicate.time === 'pluperfect') return null; // Before some other past moment the text does not give.
  if (predicate.time === 'past' && context.newsDay) return [context.newsDay, 'context'];
  return [eventDate(published)!, 'publication'];
}

function isRecentDay(date: EventDate, published: string): boolean {
  if (date.granularity !== 'day' || date.to > published) return false;
  return Date.parse(published) - Date.parse(date.from) <= NEWS_DAY_BACK * 86_400_000;
}

const STATEMENT_VERB = /^(?:said|told|stated|added|wrote|claimed|argued|explained|insisted|admitted|acknowledged|confirmed|revealed)$/;

/**
 * A sentence goes on with the scene before it when its subject points back to it (a pronoun,
 * "also", "then") or names an actor of it ("Jobs said yesterday …" → "Jobs also showed …").
 */
function continues(sentence: string, actors: readonly string[], _date: EventDate, previous: readonly string[]): boolean {
  if (/^\s*(?:[“"]\s*)?(?:He|She|It|They|Then|Later|There)\b/.test(sentence)) return true;
  if (/^(?:\S+\s+){0,4}?(?:also|then|later|further)\b/i.test(sentence)) return true;
  return actors.length > 0 && actors.some((actor) => previous.includes(actor));
}

function withoutDateline(sentence: Sentence): Sentence {
  const dateline = DATELINE.exec(sentence.text);
  if (!dateline) return sentence;
  const cut = dateline[0].length;
  return { start: sentence.start + cut, end: sentence.end, text: sentence.text.slice(cut) };
}

interface Anchor { timex: Timex; date: EventDate; end: number }

/** "the close of the year", "the end of March": the part of the period is part of the date's text. */
const PART_OF = /\b(?:the\s+)?(?:end|close|start|beginning|middle|turn)\s+of\s+$/i;

function phraseStart(text: string, start: number): number {
  const part = PART_OF.exec(text.slice(Math.max(0, start - 24), start));
  return part ? start - part[0].length : start;
}

/**
 * The sentence's anchoring date, then one per further coordinated clause that has a date of its
 * own: "… to an end by June and has offered to host talks as early as next week" is two events.
 */
function anchorsOf(text: string, sentence: Sentence, timexes: Timex[], published: string): Anchor[] {
  const anchors: Anchor[] = [];
  for (let i = 0; i < timexes.length; i++) {
    const timex = timexes[i];
    if (timex.type !== 'DATE' && timex.type !== 'TIME') continue;
    const date = boundedAgoDate(timex.text, published) ?? eventDate(timex.value);
    if (!date) continue;
    if (inBrackets(text, sentence.start, timex.start)) continue;
    if (isReferenceDate(text, timex, sentence.start) || isAttributiveYear(text, timex)) continue;
    // "Yesterday, at this year's conference, Jobs unveiled …": the possessive date names the
    // conference; another date in the sentence dates the act.
    if (isNounModifier(text, timex) && timexes.some((t) => t !== timex && t.type === 'DATE' && !isNounModifier(text, t) && eventDate(t.value))) continue;
    // "Status as of 22 Dec 2025" heads a table; "as of January 2008, iTunes held 19 percent" dates a state.
    if (/\bas\s+of\s*$/i.test(text.slice(Math.max(0, timex.start - 8), timex.start)) && !/\p{L}/u.test(text.slice(timex.end, sentence.end))) continue;
    // "before Thanksgiving on Thursday next week": two expressions of one date read as one. A
    // quotation mark between them closes a quote that holds only the first ("“before
    // Thanksgiving” on Thursday"): the date's text then ends with the quote, not across it.
    let end = timex.end;
    const following = timexes[i + 1];
    if (following && following.value === timex.value && /^\s*(?:on|,)?\s*$/.test(text.slice(timex.end, following.start))) {
      end = following.end;
      i++;
    }
    const previous = anchors[anchors.length - 1];
    if (previous) {
      if (anchors.some((a) => a.date.date === date.date)) continue;
      if (!NEW_CLAUSE.test(text.slice(previous.end, timex.start)) && !coordinatedDates(text, previous, timex)) continue;
    }
    anchors.push({ timex, date, end });
  }
  return anchors;
}

/**
 * What separates two coordinated predicates: a clause-level comma or "and" before a verb, an
 * irregular past among them ("fought cancer in 2004 and took six months off in early 2009").
 */
const NEW_CLAUSE = new RegExp(`[;,]\\s|\\b(?:and|but|while)\\s+(?:has|have|had|will|would|is|are|was|were|then|also|\\w+ing|\\w+ed|${IRREGULAR_PAST_PATTERN})\\b`, 'i');

/**
 * "He made an appearance in March and June": two dates joined by "and" under one predicate are
 * two happenings, one at each; "between March and June", "from March and into June" is one stretch.
 */
function coordinatedDates(text: string, previous: Anchor, timex: Timex): boolean {
  if (!/^\s*,?\s*and\s+(?:(?:in|on|at|during)\s+)?$/i.test(text.slice(previous.end, timex.start))) return false;
  return !/\b(?:between|from)\s+(?:the\s+)?$/i.test(text.slice(Math.max(0, previous.timex.start - 16), previous.timex.start));
}

function inBrackets(text: string, from: number, at: number): boolean {
  let depth = 0;
  for (let i = from; i < at; i++) {
    if (text[i] === '(') depth++;
    else if (text[i] === ')' && depth > 0) depth--;
  }
  return depth > 0;
}

/** The line around `at`, looked for within 400 characters each way (no scan of a huge line). */
function lineOf(text: string, at: number): string {
  const from = Math.max(0, at - 400);
  const start = from + text.slice(from, at).lastIndexOf('\n') + 1;
  const ahead = text.slice(at, at + 400);
  const stop = ahead.indexOf('\n');
  return text.slice(start, stop < 0 ? at + ahead.length : at + stop);
}

/** A headline, caption or table row has no finite verb; an event needs one. */
const VERB = new RegExp(
  '\\b(?:is|are|was|were|be|been|has|have|had|will|would|can|could|may|might|must|shall|should|did|does|do|says|' +
    `${IRREGULAR_PAST_PATTERN}|meets|plans|wants|agrees|expects|begins|ends|[a-z]{2,}ed)\\b`,
  'i',
);

/**
 * Present-tense predicates the list above misses ("Officials expect him to sign by Friday",
 * "They want a deal before Thanksgiving"): a subject pronoun before a lower-case word, or a
 * news verb that is seldom a noun, in its base or third-person form.
 */
const PRESENT_PREDICATE =
  /\b(?:I|we|they|he|she)\s+(?:[a-z]+ly\s+)?[a-z]{2,}\b|\b(?:expect|want|seek|agree|arrive|resume|attend|announce|urge|warn|insist|intend|remain|continue|decide|meet|say|tell|threaten|prepare|convene|gather)s?\b|\b(?:denies|deny|accuses|accuse)\b/;

function hasVerb(sentence: string): boolean {
  return VERB.test(sentence) || PRESENT_PREDICATE.test(sentence);
}

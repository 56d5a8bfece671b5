/**
 * What an article is about, as the story stage compares it (ArticleProfile): its distinctive
 * words, its named actors and the days it tells of.
 *
 * 1. distinctive words of headline and text (distinctive-terms.ts);
 * 2. actors: the names its events involve and its headline names (in a Title Case headline,
 *    the words the text writes as names), most mentioned first, in a normal form; a one-word
 *    "name" the text never writes capitalised mid-sentence is a sentence opener ("Well",
 *    "Apparently"), not an actor;
 * 3. days: the day-precise dates of its events, and its publication day. A date that was read
 *    relative to the publication date ("on Tuesday") is only as good as that date: when the
 *    publication date is a guess (the fetch time of a page that gives none), only the dates the
 *    text spells out with their year are kept.
 */
import { findActors } from '../events/actors.js';
import type { ExtractedEvent } from '../events/event-types.js';
import { distinctiveTerms, fold, isTitleCase, nameLikeWords, singleLetters, tokensOf } from './distinctive-terms.js';
import type { ArticleProfile } from './story-types.js';

export interface ArticleProfileInput {
  title: string | null;
  text: string;
  /** The article's events: their actors and dates. */
  events: ReadonlyArray<Pick<ExtractedEvent, 'date' | 'granularity' | 'dateText' | 'actors'>>;
  /** When the article was published or, failing that, first seen (ISO 8601). */
  publishedAt: string;
  /** False when publishedAt is not the page's own date but a fallback (fetch time). Default true. */
  publishedAtKnown?: boolean;
}

/** The most actors a profile keeps: past a dozen they are passers-by, not participants. */
export const MAX_ACTORS = 12;

/** A name in the headline counts as this many mentions: the headline says whom the article is about. */
const HEADLINE_MENTIONS = 3;

/** A year written in a date expression: "June 13, 2013", "in 2008". */
const SPELLED_YEAR = /\b(?:1[89]|20)\d\d\b/;

export function articleProfile(input: ArticleProfileInput): ArticleProfile {
  const title = input.title?.trim() || null;
  // 1. Distinctive words, 2. actors: both ask which words the text writes as names.
  const names = nameLikeWords(title, input.text);
  const terms = distinctiveTerms(title, input.text, names);
  const actors = rankedActors(title, names, input.events);
  // 3. Days.
  const known = input.publishedAtKnown ?? true;
  const days = new Set<string>();
  if (known && /^\d{4}-\d{2}-\d{2}/.test(input.publishedAt)) days.add(input.publishedAt.slice(0, 10));
  for (const event of input.events) {
    if (event.granularity !== 'day' || !/^\d{4}-\d{2}-\d{2}$/.test(event.date)) continue;
    if (known || SPELLED_YEAR.test(event.dateText)) days.add(event.date);
  }
  return { terms, actors, days: [...days].sort(), publishedAt: input.publishedAt, title };
}

/** An actor's normal form: folded case and accents, single spaces, no possessive; "O'Brien" is "obrien", as among the terms. */
export function actorKey(name: string): string {
  return fold(name).replace(/['’]s\b/gu, '').replace(/['’]/gu, '').replace(/[^\p{L}\p{N}]+/gu, ' ').trim();
}

function rankedActors(title: string | null, names: ReadonlySet<string>, events: ArticleProfileInput['events']): string[] {
  // One entry per last word: "Reid" and "Tara Reid" are one actor, under the longer name.
  const actors = new Map<string, { name: string; n: number; first: number }>();
  const count = (raw: string, times: number) => {
    const key = actorKey(raw);
    if (!isName(key, names)) return;
    const last = singleLetters(key.slice(key.lastIndexOf(' ') + 1));
    const actor = actors.get(last);
    if (!actor) actors.set(last, { name: key, n: times, first: actors.size });
    else {
      actor.n += times;
      if (key.length > actor.name.length) actor.name = key;
    }
  };
  // The headline's names first: a tie in mentions goes to what the headline is about.
  if (title) for (const name of headlineNames(title, names)) count(name, HEADLINE_MENTIONS);
  for (const event of events) for (const name of event.actors) count(name, 1);
  return [...actors.values()]
    .sort((a, b) => b.n - a.n || a.first - b.first)
    .slice(0, MAX_ACTORS)
    .map((a) => a.name);
}

/**
 * The names a headline gives. A headline written as a sentence capitalises only its names, so
 * findActors reads them; one in Title Case capitalises every word ("Nationals' Eight-Year Offer
 * to Teixeira Reportedly Bumped"), so of its capitalised runs only the words the text itself
 * writes as names count, a run of them a name ("Nationals", "Teixeira").
 */
function headlineNames(title: string, names: ReadonlySet<string>): string[] {
  if (!isTitleCase(title)) return findActors(title);
  const found: string[] = [];
  for (const chunk of findActors(title)) {
    let run: string[] = [];
    const close = () => {
      while (run.length > 0 && NAME_PARTICLES.has(run[run.length - 1].toLowerCase())) run.pop();
      if (run.length > 0) found.push(run.join(' '));
      run = [];
    };
    // A hyphen ends a run too: "Red Sox-Teixeira Rumor" names two.
    for (const part of chunk.split(/\s+/)) {
      part.split('-').forEach((word, k) => {
        if (k > 0) close();
        const [token] = tokensOf(word);
        if (token !== undefined && names.has(token)) run.push(word);
        else if (run.length > 0 && NAME_PARTICLES.has(word.toLowerCase())) run.push(word);
        else close();
      });
    }
    close();
  }
  return found;
}

/** Words that join a name's parts ("Academy of Motion Picture Arts", "Ursula von der Leyen"). */
const NAME_PARTICLES = new Set(['of', 'the', 'and', 'de', 'del', 'der', 'den', 'da', 'das', 'do', 'dos', 'du', 'des', 'la', 'le', 'van', 'von', 'al', 'bin', 'ibn']);

/**
 * A name is at most four words, none of them a function word ("Ellen DeGeneres To Host" is a
 * Title Case headline, not a name), and ends in a word the text writes as a name.
 */
function isName(key: string, names: ReadonlySet<string>): boolean {
  const words = key.split(' ');
  if (key.length < 2 || words.length > 4) return false;
  if (words.some((w) => !NAME_PARTICLES.has(w) && tokensOf(w).length === 0)) return false;
  const [token] = tokensOf(words[words.length - 1]);
  return token !== undefined && names.has(token);
}

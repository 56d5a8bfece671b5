/**
 * How close an article is to a story: the words they share, weighted by how telling they are,
 * and above all whether they name the same participants; then what their dates say, and how long
 * the story has been quiet.
 *
 * Two look-alike happenings share their kind's words ("rehab", "checks into", "publicist"); what
 * keeps them apart is who ("Tara Reid" vs "Lindsay Lohan") and when (2008 vs 2013). So:
 * 1. words: the cosine of the article's distinctive terms and the story's summed terms;
 * 2. participants: how much of the article's actors the story names and how much of the story's
 *    leading actors the article names; when each leads with a person the other gives little
 *    weight, the article is about someone else, whatever its words (CONFLICT);
 * 3. dates: day-precise dates near the story's support it; only far ones (a month and more)
 *    speak against it, as a happening is retold days later;
 * 4. time: a story fades with the time between its span (first to last article) and this one.
 * Besides the similarity, an article must resemble the story's articles about as much as they
 * resemble each other (likeItsArticles): a fixed threshold alone lets a look-alike into a tight
 * story, and lets a report of the same happening fall out of a loose one.
 */
import { TextMemo } from '../dedup/text-memo.js';
import { isCommonTerm, singleLetters, tokensOf } from './distinctive-terms.js';
import type { ArticleProfile, StoryProfile } from './story-types.js';

export interface MatchParts {
  words: number;
  actors: number;
  dates: number;
  fade: number;
  conflict: boolean;
  similarity: number;
}

/** Weight of the participants against the words (tuned on the development topics 1-8 of bench/stories). */
export const ACTOR_SHARE = 0.3;
/**
 * A story keeps full weight this long after its last article, then halves every HALF_LIFE_DAYS:
 * negotiations, trials and campaigns go quiet for weeks and resume (the seed site's peace talks:
 * a plan in November, talks in December, a deadline in February), while a look-alike years
 * later has faded to nothing and its dates speak against it too.
 */
export const FRESH_DAYS = 14;
export const HALF_LIFE_DAYS = 120;
/** Dates this close (days) are the same happening retold; this far apart, another one. */
const NEAR_DAYS = 3;
const FAR_DAYS = 30;
/** What dates all far from the story's leave of the similarity. */
const FAR_DATES = 0.5;
const DAY_MS = 86_400_000;

export function storySimilarity(article: ArticleProfile, story: StoryProfile): number {
  return matchParts(article, story).similarity;
}

export function matchParts(article: ArticleProfile, story: StoryProfile): MatchParts {
  const words = cosine(article.terms, story.terms);
  const { agreement: actors, conflict } = actorAgreement(article, story);
  const dates = dateAgreement(article.days, story.days, elapsedDays(article.publishedAt, story.firstSeenAt, story.lastSeenAt));
  const fade = fading(article.publishedAt, story.firstSeenAt, story.lastSeenAt);
  const similarity = ((1 - ACTOR_SHARE) * words + ACTOR_SHARE * actors) * (conflict ? CONFLICT : 1) * dates * fade;
  return { words, actors, dates, fade, conflict, similarity };
}

/**
 * An article joins a story only when its words are, on average, at least this share as close to
 * each of the story's articles as those are to one another (tuned on the development topics 1-8
 * of bench/stories, checked on 9-12 and on the rotated fold).
 */
export const COHESION_SHARE = 0.6;

/**
 * Whether the article is about as close to the story's articles as they are to each other: the
 * mean word cosine between the article and each of them (its terms' dot product with the story's
 * summed terms, over the count) against the mean cosine of the story's pairs (kept by joinStory).
 * A story of one article, or one kept before it had this, says nothing yet. The summed terms are
 * the story's heaviest, not all, so both means are a little low alike. `share` asks more or less
 * than COHESION_SHARE (absorb-single.ts asks more).
 */
export function likeItsArticles(article: Pick<ArticleProfile, 'terms'>, story: Pick<StoryProfile, 'terms' | 'articleCount' | 'cohesion'>, share = COHESION_SHARE): boolean {
  const cohesion = story.cohesion;
  if (!cohesion || cohesion.pairs === 0 || story.articleCount === 0) return true;
  return dot(article.terms, story.terms) / story.articleCount >= share * (cohesion.sum / cohesion.pairs);
}

/** The dot product of two weighted term sets: an article's with a story's summed terms is the sum of its cosines with the story's articles. */
export function dot(a: Record<string, number>, b: Record<string, number>): number {
  // for…in, not Object.entries: it is asked for every candidate and member, and the pairs it would allocate are what cost.
  let sum = 0;
  for (const term in a) {
    const v = b[term];
    if (v) sum += a[term] * v;
  }
  return sum;
}

/** Cosine of two weighted term sets (the article's is normalised; a story's is a sum). */
export function cosine(a: Record<string, number>, b: Record<string, number>): number {
  let dot = 0;
  let na = 0;
  let nb = 0;
  for (const term in a) {
    const w = a[term];
    na += w * w;
    const v = b[term];
    if (v) dot += w * v;
  }
  nb = squaredNorm(b);
  return na && nb ? dot / Math.sqrt(na * nb) : 0;
}

/**
 * Agreement of participants, 0 to 1: the share of the article's actors (the first counting most)
 * that the story names, and the share of the story's leading actors the article names, averaged.
 * A conflict: each side leads with a person (a name of two or three words) whom the other gives
 * little weight, neither among its leading actors nor among its heaviest words: another person
 * in the same kind of happening (a passing mention of last year's host does not make him this
 * year's).
 * "Reid" meets "Tara Reid": names meet on their last word.
 */
export function actorAgreement(article: Pick<ArticleProfile, 'actors' | 'terms'>, story: Pick<StoryProfile, 'actors' | 'terms'>): { agreement: number; conflict: boolean } {
  // A first name alone ("Lindsay") is the person whose name it starts on either side, when it
  // starts only one ("Lindsay Lohan"): names meet on that person's last word.
  const key = nameKeys(article.actors, Object.keys(story.actors));
  // The story's actors by last word, as its articles named them ("reid" and "tara reid" are one).
  const byLast = new Map<string, { n: number; name: string }>();
  for (const [name, n] of Object.entries(story.actors)) {
    const entry = byLast.get(key(name));
    if (!entry) byLast.set(key(name), { n, name });
    else {
      entry.n += n;
      if (name.length > entry.name.length) entry.name = name;
    }
  }
  const storyRanked = [...byLast].sort((a, b) => b[1].n - a[1].n || (a[0] < b[0] ? -1 : 1));
  if (article.actors.length === 0 || storyRanked.length === 0) return { agreement: 0, conflict: false };
  // A side knows a name it gives a fair share of its weight: one passing mention in one of
  // twenty articles ("he beat Tony Thompson last year") is not who the story is about.
  const top = storyRanked[0][1].n;
  const storyMentions = (name: string) => (byLast.get(key(name))?.n ?? 0) >= KNOWN * top || weightOf(story.terms, name) >= KNOWN_TERM * maxWeight(story.terms);
  const articleWeight = new Map<string, number>();
  article.actors.forEach((name, rank) => articleWeight.set(key(name), Math.max(articleWeight.get(key(name)) ?? 0, actorRankWeight(rank))));
  const articleMentions = (name: string) => (articleWeight.get(key(name)) ?? 0) >= KNOWN || weightOf(article.terms, name) >= KNOWN_TERM * maxWeight(article.terms);
  let found = 0;
  let total = 0;
  // The article's prominent names: their last word weighs, among its terms, near its most named one.
  const prominence = (name: string) => weightOf(article.terms, name);
  const mostProminent = Math.max(0, ...article.actors.slice(0, ARTICLE_LEADING).map(prominence));
  let articleLeadUnknown = false;
  article.actors.forEach((name, rank) => {
    const w = actorRankWeight(rank);
    total += w;
    if (byLast.has(key(name))) found += w;
    else if (rank < ARTICLE_LEADING && isPerson(name) && prominence(name) >= PROMINENT * mostProminent && !storyMentions(name)) articleLeadUnknown = true;
  });
  // The story's leading actors: those named by a fair share of its articles, at most five.
  const leading = storyRanked.filter(([, e]) => e.n >= top / 3).slice(0, 5);
  let led = 0;
  let ledTotal = 0;
  let storyLeadUnknown = false;
  leading.forEach(([, { n, name }], rank) => {
    ledTotal += n;
    if (articleMentions(name)) led += n;
    else if (rank < STORY_LEADING && isPerson(name) && n >= PROMINENT * top) storyLeadUnknown = true;
  });
  const agreement = 0.5 * (found / total) + 0.5 * (led / ledTotal);
  return { agreement, conflict: articleLeadUnknown && storyLeadUnknown };
}

/**
 * How names are compared between an article and a story: by last word, and a one-word name that
 * is the first word of exactly one longer name on either side ("Lindsay" of "Lindsay Lohan") by
 * that name's last word. A first word that starts several ("President Bush", "President Obama")
 * stays itself.
 */
export function nameKeys(...sides: ReadonlyArray<readonly string[]>): (name: string) => string {
  const starts = new Map<string, string | null>();
  for (const names of sides) {
    for (const name of names) {
      const space = name.indexOf(' ');
      if (space < 0) continue;
      const { first, last } = nameWords(name);
      const known = starts.get(first);
      starts.set(first, known === undefined || known === last ? last : null);
    }
  }
  return (name: string) => {
    const last = lastWord(name);
    return name.includes(' ') ? last : starts.get(last) ?? last;
  };
}

/** An actor's weight in a profile by its rank there: the first named counts most. */
export function actorRankWeight(rank: number): number {
  return 1 / (1 + rank / 2);
}

/** A name is prominent on its side when it weighs at least this share of the side's first. */
const PROMINENT = 0.5;
/** A side knows a name that weighs at least this share of its first actor, or half its heaviest term. */
const KNOWN = 0.3;
const KNOWN_TERM = 0.5;

/** How many of each side's first actors lead it, and what a conflict between them leaves. */
const ARTICLE_LEADING = 2;
const STORY_LEADING = 2;
const CONFLICT = 0.3;

/**
 * A name of two or three words: a person, more often than not ("Tony Thompson"); not when it
 * ends in a word any news text uses ("United States", "White House") or in a noun that names a
 * kind of body or place ("West Coast Bank", "Ohio State University", "Betty Ford Center"): an
 * article about a bombing at the West Coast Bank that leads with the police lieutenant is not
 * about someone else than a story that leads with the bank.
 */
function isPerson(name: string): boolean {
  const words = name.split(' ');
  if (words.length !== 2 && words.length !== 3) return false;
  const last = tokensOf(words[words.length - 1]);
  return last.length > 0 && !isCommonTerm(last[0]) && !BODY_NOUNS.has(last[0]) && !ROLE_NOUNS.has(last[0]);
}

/**
 * Nouns that end a role, not a person's name ("Portland Trailblazers coach", "Interior
 * Secretary", "Sixers general manager"): what the actor finder leaves of a title it does not
 * know names no one, so it starts no conflict (chosen by what they are; stems, as terms are).
 */
const ROLE_NOUNS = new Set(
  (
    'coach manager director president minister secretary chairman chairwoman chair spokesman spokeswoman spokesperson ' +
    'officer chief captain commander governor mayor senator judge attorney lawyer prosecutor agent owner founder ' +
    'executive ceo editor reporter correspondent analyst player star actor actress singer producer host anchor'
  )
    .split(/\s+/)
    .flatMap((w) => tokensOf(w)),
);

/** Nouns that end the name of a body or a place, not of a person (chosen by what they are; stems, as terms are). */
const BODY_NOUNS = new Set(
  (
    'bank university college school academy commission committee council party department police court office ministry ' +
    'agency association union company corporation center centre hospital church club team league army navy force airport ' +
    'station service board bureau institute foundation fund times post journal network tv radio news channel assembly ' +
    'parliament congress senate embassy beach island river lake mountain valley park square street avenue road bridge ' +
    'county province region coast bay port harbor harbour'
  )
    .split(/\s+/)
    .flatMap((w) => tokensOf(w)),
);

/** A story's largest term weight, kept per terms object like its norm. */
const maxima = new WeakMap<Record<string, number>, number>();
function maxWeight(terms: Record<string, number>): number {
  let m = maxima.get(terms);
  if (m === undefined) maxima.set(terms, (m = Math.max(0, ...Object.values(terms))));
  return m;
}

/** The weight of a name's last word among terms. */
function weightOf(terms: Record<string, number>, name: string): number {
  let weight = 0;
  for (const term of nameTerms(name)) weight = Math.max(weight, terms[term] ?? 0);
  return weight;
}

/** A name's last word as terms: asked for every name of every candidate, so kept (a memo). */
const nameTermMemo = new TextMemo((name: string) => tokensOf(lastWord(name)));
function nameTerms(name: string): string[] {
  return nameTermMemo.get(name);
}

/**
 * 1 when the dates agree or say nothing; lower when every date is far from the story's, further
 * than the time between the story's last article and this one explains: a story that goes on
 * for weeks tells of later days as it goes ("talks resume in Geneva" weeks after "a plan is
 * proposed"), while two reports of the same moment that tell of days a year apart are about two
 * happenings.
 */
export function dateAgreement(articleDays: readonly string[], storyDays: Record<string, number>, elapsedDays = 0): number {
  const days = Object.keys(storyDays);
  if (articleDays.length === 0 || days.length === 0) return 1;
  const storyMs = days.map(dayMs);
  let nearest = Infinity;
  for (const day of articleDays) {
    const ms = dayMs(day);
    for (const s of storyMs) nearest = Math.min(nearest, Math.abs(ms - s) / DAY_MS);
  }
  if (Number.isFinite(elapsedDays)) nearest = Math.max(0, nearest - elapsedDays);
  if (nearest <= NEAR_DAYS) return 1;
  if (nearest >= FAR_DAYS) return FAR_DATES;
  return 1 - ((1 - FAR_DATES) * (nearest - NEAR_DAYS)) / (FAR_DAYS - NEAR_DAYS);
}

/**
 * 1 while the story is fresh, then halving every HALF_LIFE_DAYS of quiet between the story and
 * the article: the time from its last article to this one or, for an article older than the
 * story's first (a backfill, a re-ingest in another order), from this one to its first.
 */
export function fading(publishedAt: string, firstSeenAt: string, lastSeenAt: string): number {
  const gap = elapsedDays(publishedAt, firstSeenAt, lastSeenAt);
  if (!Number.isFinite(gap)) return 1;
  const quiet = gap - FRESH_DAYS;
  return quiet <= 0 ? 1 : 0.5 ** (quiet / HALF_LIFE_DAYS);
}

/** Days between an article and the span of a story's articles (0 inside it). */
function elapsedDays(publishedAt: string, firstSeenAt: string, lastSeenAt: string): number {
  const at = Date.parse(publishedAt);
  return Math.max(0, at - Date.parse(lastSeenAt), Date.parse(firstSeenAt) - at) / DAY_MS;
}

/** A story's terms are compared with every candidate article: their norm is kept per object. */
const norms = new WeakMap<Record<string, number>, number>();
function squaredNorm(terms: Record<string, number>): number {
  let n = norms.get(terms);
  if (n === undefined) {
    n = 0;
    for (const w of Object.values(terms)) n += w * w;
    norms.set(terms, n);
  }
  return n;
}

/** A name's last word, as names are compared: "Zelenskyy" meets "Zelensky" (singleLetters). */
export function lastWord(name: string): string {
  return nameWords(name).last;
}

/**
 * A name's first and last word as names are compared (singleLetters): asked for every actor of
 * every candidate story, several times each, and the letter runs are what cost, so they are kept
 * (a memo, as nameTerms).
 */
const nameWordsMemo = new TextMemo((name: string) => {
  const space = name.indexOf(' ');
  const last = singleLetters(name.slice(name.lastIndexOf(' ') + 1));
  return { first: space < 0 ? last : singleLetters(name.slice(0, space)), last };
});
function nameWords(name: string): { first: string; last: string } {
  return nameWordsMemo.get(name);
}

function dayMs(day: string): number {
  return Date.parse(`${day}T00:00:00Z`);
}

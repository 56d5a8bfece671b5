import type { PublicEvent } from '../store/event-store.js';
import type { PublicStory } from '../store/story-store.js';

/**
 * The timeline page as HTML strings: no build step and no external assets, so it works from a
 * plain browser under a CSP that allows nothing but this origin. It reads without scripts; one
 * small script of our own (timeline-script.ts) only adds the live update. Every value from the
 * store is escaped; links to sources are only ever http(s).
 */

/** The filters the page shows and keeps in its links. */
export interface TimelineFilters {
  q: string;
  source: string;
  since: string;
  until: string;
  modality: string;
  /** "new developments only": hide background history. */
  fresh: boolean;
  /** One story's timeline (`?story=ID`), or every story's events when empty. */
  story: string;
}

export interface TimelineView {
  events: PublicEvent[];
  filters: TimelineFilters;
  /** Source ids for the filter's choices. */
  sources: string[];
  nextCursor: string | null;
  /** A problem with the request, shown above the (empty) list instead of a JSON error. */
  problem?: string;
  /** Seconds between the live update's polls when the page was opened with `?live=N`; else the script's 30. */
  pollSeconds?: number;
  /** The story whose timeline this is (`?story=ID`), shown above its events. */
  story?: PublicStory;
  /** The stories with the newest activity, listed beside the timeline of all events. */
  stories?: PublicStory[];
  /** Whether there are more stories than those listed (a link to all of them). */
  moreStories?: boolean;
}

/** The list of stories (`?view=stories`), newest activity first. */
export interface StoriesView {
  stories: PublicStory[];
  nextCursor: string | null;
  problem?: string;
}

export const MODALITY_CHOICES = ['occurred', 'scheduled', 'deadline', 'reported'] as const;

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => ESCAPES[char]);
}

/** A `javascript:` or `data:` URL stored from a hostile feed must not become a live link. */
function safeHref(url: string): string | null {
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'http:' || parsed.protocol === 'https:' ? parsed.href : null;
  } catch {
    return null;
  }
}

function hostOf(url: string): string {
  try {
    return new URL(url).hostname;
  } catch {
    return url;
  }
}

const WEEKDAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

function dayText(day: Date): string {
  return `${WEEKDAYS[day.getUTCDay()]} ${day.getUTCDate()} ${MONTHS[day.getUTCMonth()]} ${day.getUTCFullYear()}`;
}

/** Monday of ISO week `week` of `year` (ISO 8601: week 1 holds the year's first Thursday). */
function isoWeekMonday(year: number, week: number): Date {
  const jan4 = new Date(Date.UTC(year, 0, 4));
  const monday = new Date(jan4.getTime() - ((jan4.getUTCDay() + 6) % 7) * 86_400_000);
  return new Date(monday.getTime() + (week - 1) * 7 * 86_400_000);
}

/**
 * Every granularity in words: "Thursday 27 November 2025", "Week of Monday 9 February 2026",
 * "December 2025", "January–March 2026", "2025". Spelled out here rather than by
 * toLocaleDateString, whose output depends on Node's ICU.
 */
export function dateHeading(date: string): string {
  let match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (match) {
    const day = new Date(`${date}T00:00:00Z`);
    return Number.isNaN(day.getTime()) ? date : dayText(day);
  }
  match = /^(\d{4})-W(\d{2})$/.exec(date);
  if (match) return `Week of ${dayText(isoWeekMonday(Number(match[1]), Number(match[2])))}`;
  match = /^(\d{4})-(\d{2})$/.exec(date);
  if (match && Number(match[2]) >= 1 && Number(match[2]) <= 12) return `${MONTHS[Number(match[2]) - 1]} ${match[1]}`;
  match = /^(\d{4})-Q([1-4])$/.exec(date);
  if (match) {
    const first = (Number(match[2]) - 1) * 3;
    return `${MONTHS[first]}–${MONTHS[first + 2]} ${match[1]}`;
  }
  return date;
}

/** "2025-11-21 08:00 UTC": one unambiguous form, whatever the reader's zone. */
function instant(iso: string | null): string {
  return iso ? `${iso.slice(0, 16).replace('T', ' ')} UTC` : '';
}

/** Consecutive events with the same date, in the order given (newest first). */
function groupByDate(events: PublicEvent[]): { date: string; events: PublicEvent[] }[] {
  const groups: { date: string; events: PublicEvent[] }[] = [];
  for (const event of events) {
    const last = groups.at(-1);
    if (last && last.date === event.date) last.events.push(event);
    else groups.push({ date: event.date, events: [event] });
  }
  return groups;
}

/** "The Daily Ledger — Talks resume in Geneva", so that two articles of one site are told apart. */
function renderSource(source: PublicEvent['sources'][number]): string {
  const site = source.site || hostOf(source.url);
  const label = escapeHtml(source.title ? `${site} — ${source.title}` : site);
  const href = safeHref(source.url);
  const published = source.publishedAt ? ` <time datetime="${escapeHtml(source.publishedAt)}">${escapeHtml(instant(source.publishedAt))}</time>` : '';
  return href ? `<li><a href="${escapeHtml(href)}" rel="noreferrer noopener">${label}</a>${published}</li>` : `<li>${label}${published}</li>`;
}

/** How the date was found, in words ('"on Thursday" in the text'). */
function dateBasis(event: PublicEvent): string {
  const basis = event.dateBasis;
  if (basis === 'publication') return 'dated by its report';
  // A date carried over from the sentence before may keep no words of its own: no empty quotes.
  if (basis === 'context') return event.dateText ? `dated by the sentence before ("${event.dateText}")` : 'dated by the sentence before';
  return `“${event.dateText}”`;
}

/** The link to the timeline of one story. */
function storyHref(id: string): string {
  return `/?story=${encodeURIComponent(id)}`;
}

/** `inStory`: the story whose timeline the event is shown in (no link to where the reader already is). */
export function renderEvent(event: PublicEvent, inStory = ''): string {
  const sources = event.sources.map(renderSource).join('');
  const count = `${event.sourceCount} source${event.sourceCount === 1 ? '' : 's'}`;
  const actors = event.actors.length ? `<p class="actors">${escapeHtml(event.actors.join(' · '))}</p>` : '';
  const story = event.story && event.story.id !== inStory ? `<p class="story">in <a href="${escapeHtml(storyHref(event.story.id))}">${escapeHtml(event.story.title)}</a></p>` : '';
  return `<article class="event" data-id="${escapeHtml(event.id)}" data-first-seen="${escapeHtml(event.firstSeenAt)}">
<p class="summary">${escapeHtml(event.summary)}</p>
<p class="meta"><time>${escapeHtml(event.date)}</time> · <span class="modality">${escapeHtml(event.modality)}</span> · ${escapeHtml(dateBasis(event))} · ${count} · first seen ${escapeHtml(instant(event.firstSeenAt))}</p>
${actors}${story}<ul class="sources">${sources}</ul>
</article>`;
}

/** The events grouped under their date headings; also the live update's fragment. */
export function renderEventGroups(events: PublicEvent[], inStory = ''): string {
  return groupByDate(events)
    .map((group) => `<section data-date="${escapeHtml(group.date)}"><h2>${escapeHtml(dateHeading(group.date))}</h2>${group.events.map((event) => renderEvent(event, inStory)).join('\n')}</section>`)
    .join('\n');
}

/** One story in a list: its title (the link to its timeline), counts, latest activity, main actors. */
function renderStoryItem(story: PublicStory): string {
  const counts = `${story.eventCount} event${story.eventCount === 1 ? '' : 's'} · ${story.articleCount} article${story.articleCount === 1 ? '' : 's'}`;
  const actors = story.topActors.length ? ` · ${escapeHtml(story.topActors.join(', '))}` : '';
  return `<li data-story="${escapeHtml(story.id)}"><a href="${escapeHtml(storyHref(story.id))}">${escapeHtml(story.title || story.id)}</a>
<span class="meta">${counts} · latest <time datetime="${escapeHtml(story.lastSeenAt)}">${escapeHtml(instant(story.lastSeenAt))}</time>${actors}</span></li>`;
}

function renderStoryList(stories: PublicStory[]): string {
  return `<ul class="story-list">${stories.map(renderStoryItem).join('\n')}</ul>`;
}

/** Above one story's timeline: what the story is, and the way back to all events. */
function renderStoryHeader(story: PublicStory): string {
  const actors = story.topActors.length ? `<p class="actors">${escapeHtml(story.topActors.join(' · '))}</p>` : '';
  return `<section class="story-header" data-story="${escapeHtml(story.id)}"><p><a href="/">all events</a> · <a href="/?view=stories">all stories</a></p>
<h2 class="story-title">${escapeHtml(story.title || story.id)}</h2>
<p class="meta">${story.eventCount} event${story.eventCount === 1 ? '' : 's'} · ${story.articleCount} article${story.articleCount === 1 ? '' : 's'} · from ${escapeHtml(instant(story.firstSeenAt))} to ${escapeHtml(instant(story.lastSeenAt))}</p>
${actors}</section>`;
}

/** Beside the timeline of all events: the stories with the newest activity. */
function renderStoriesAside(view: TimelineView): string {
  if (!view.stories?.length) return '';
  const more = view.moreStories ? '<p><a href="/?view=stories">All stories</a></p>' : '';
  return `<section class="stories"><h2>Stories</h2>${renderStoryList(view.stories)}${more}</section>`;
}

/** `?view=stories`: every story, newest activity first, a page at a time. */
export function renderStories(view: StoriesView): string {
  const signOut = '<form method="post" action="/sign-out" class="inline"><button>Sign out</button></form>';
  const header = `<header><h1>chronicle stories</h1>${signOut}</header><p><a href="/">all events</a></p>`;
  const problem = view.problem ? `<p class="problem" role="alert">${escapeHtml(view.problem)}</p>` : '';
  const empty = view.stories.length === 0 && !view.problem ? '<p>No stories yet: articles are grouped into stories as they are processed.</p>' : '';
  const older = view.nextCursor ? `<p><a href="/?view=stories&amp;cursor=${escapeHtml(encodeURIComponent(view.nextCursor))}">Older stories</a></p>` : '';
  return layout('chronicle stories', `${header}${problem}${renderStoryList(view.stories)}${empty}${older}`, false);
}

/** The query string of these filters (and a cursor), for links that keep them. */
export function filtersQuery(filters: TimelineFilters, extra: Record<string, string> = {}): string {
  const params = new URLSearchParams();
  if (filters.q) params.set('q', filters.q);
  if (filters.source) params.set('source', filters.source);
  if (filters.since) params.set('since', filters.since);
  if (filters.until) params.set('until', filters.until);
  if (filters.modality) params.set('modality', filters.modality);
  if (filters.fresh) params.set('new', '1');
  if (filters.story) params.set('story', filters.story);
  for (const [key, value] of Object.entries(extra)) params.set(key, value);
  const text = params.toString();
  return text ? `?${text}` : '';
}

function option(value: string, label: string, selected: string): string {
  return `<option value="${escapeHtml(value)}"${value === selected ? ' selected' : ''}>${escapeHtml(label)}</option>`;
}

function renderFilters(view: TimelineView): string {
  const { filters } = view;
  const sources = [option('', 'all sources', filters.source), ...view.sources.map((id) => option(id, id, filters.source))].join('');
  const modalities = [option('', 'any modality', filters.modality), ...MODALITY_CHOICES.map((each) => option(each, each, filters.modality))].join('');
  return `<form method="get" action="/" role="search" class="filters">
<input type="search" name="q" value="${escapeHtml(filters.q)}" placeholder="Search: Geneva talks, &quot;peace plan&quot; -crimea" aria-label="Search events">
<select name="source" aria-label="Source">${sources}</select>
<select name="modality" aria-label="Modality">${modalities}</select>
<label>from <input type="date" name="since" value="${escapeHtml(filters.since)}"></label>
<label>to <input type="date" name="until" value="${escapeHtml(filters.until)}"></label>
<label><input type="checkbox" name="new" value="1"${filters.fresh ? ' checked' : ''}> new developments only</label>
${view.pollSeconds ? `<input type="hidden" name="live" value="${view.pollSeconds}">` : ''}${filters.story ? `<input type="hidden" name="story" value="${escapeHtml(filters.story)}">` : ''}<button>Show</button> <a href="${filters.story ? escapeHtml(storyHref(filters.story)) : '/'}">clear</a>
</form>`;
}

const STYLE = `body{font:16px/1.5 system-ui,sans-serif;max-width:48rem;margin:1.5rem auto;padding:0 1rem;color:#222}
header{display:flex;justify-content:space-between;align-items:baseline;gap:1rem;flex-wrap:wrap}
h1{font-size:1.4rem;margin:0}h2{font-size:1.05rem;margin-top:2rem;border-bottom:1px solid #ddd}
.event{margin:.9rem 0}.summary{margin:0;font-weight:600}.meta,.actors{margin:0;color:#666;font-size:.9rem}
.sources{margin:.2rem 0;padding-left:1.1rem;font-size:.9rem}.sources time{color:#666}
.filters{display:flex;flex-wrap:wrap;gap:.5rem;align-items:center;margin:1rem 0}.filters input[type=search]{flex:1 1 100%;padding:.35rem}
.problem{background:#fee;border:1px solid #c99;padding:.5rem}.story{margin:0;font-size:.9rem}
.story-list{padding-left:1.1rem}.story-list li{margin:.3rem 0}.story-list .meta{display:block;color:#666;font-size:.9rem}.story-title{border:0;font-size:1.25rem;margin:.5rem 0 0}.live{color:#060;font-size:.9rem}
form.inline{display:inline}input[type=password]{padding:.35rem}
@media (max-width:30rem){body{margin:.5rem auto}.filters select,.filters label{flex:1 1 45%}}`;

function layout(title: string, body: string, withScript: boolean): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<meta name="referrer" content="no-referrer"><title>${escapeHtml(title)}</title><style>${STYLE}</style>${withScript ? '<script src="/timeline.js" defer></script>' : ''}</head>
<body>${body}</body></html>`;
}

/** What a newcomer sees before the first event: how to get one. */
const EMPTY_HINT = `<p>No events yet. chronicle shows the dated events of the articles its sources list: add a
source under <code>sources:</code> in the config file (examples in <code>config/examples/</code>) or with
<code>POST /v1/sources</code>, or fetch one article with <code>chronicle ingest URL</code>. New events appear here
once a source has been polled.</p>`;

function filtered(filters: TimelineFilters): boolean {
  return Boolean(filters.q || filters.source || filters.since || filters.until || filters.modality || filters.fresh || filters.story);
}

export function renderTimeline(view: TimelineView): string {
  const signOut = '<form method="post" action="/sign-out" class="inline"><button>Sign out</button></form>';
  const header = `<header><h1>chronicle timeline</h1>${signOut}</header>`;
  const problem = view.problem ? `<p class="problem" role="alert">${escapeHtml(view.problem)}</p>` : '';
  // The live update asks for events first seen after the latest first-seen of those shown, with
  // the same filters. Not the top event's: the list is ordered by the date events happened, so an
  // old event's report can be first seen after the top one (it would then come back as "new").
  const newest = view.events.map((event) => event.firstSeenAt).sort().at(-1) ?? new Date(0).toISOString();
  const live = view.problem ? '' : `<p class="live" id="live" data-query="${escapeHtml(filtersQuery(view.filters))}" data-after="${escapeHtml(newest)}"${view.pollSeconds ? ` data-period="${view.pollSeconds}"` : ''} hidden></p>`;
  const empty = view.events.length === 0 && !view.problem ? (filtered(view.filters) ? '<p>No events match these filters.</p>' : EMPTY_HINT) : '';
  const older = view.nextCursor ? `<p><a href="/${escapeHtml(filtersQuery(view.filters, { cursor: view.nextCursor }))}">Older events</a></p>` : '';
  const story = view.story ? renderStoryHeader(view.story) : renderStoriesAside(view);
  const title = view.story ? `${view.story.title || view.story.id} — chronicle` : 'chronicle timeline';
  return layout(title, `${header}${renderFilters(view)}${problem}${story}${live}<div id="events">${renderEventGroups(view.events, view.filters.story)}</div>${empty}${older}`, true);
}

/** Shown instead of the timeline when the request carries no valid token or session. */
export function renderTokenForm(wrongToken: boolean): string {
  const hint = wrongToken ? '<p class="problem">That token is not valid.</p>' : '<p>Enter the API token to see the timeline. It is kept in a cookie for this site only, until you sign out.</p>';
  return layout(
    'chronicle timeline',
    `<h1>chronicle timeline</h1>${hint}<form method="post" action="/sign-in"><input type="password" name="token" aria-label="API token" autocomplete="current-password"> <button>Sign in</button></form>`,
    false,
  );
}

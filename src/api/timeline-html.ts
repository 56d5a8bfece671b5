import type { PublicEvent } from '../store/event-store.js';

/**
 * The timeline page as one HTML string: no build step, no scripts, no external assets, so it
 * works from a plain browser and under a CSP of `default-src 'none'`. Every value from the
 * store is escaped; links to sources are only ever http(s).
 */

export interface TimelineView {
  events: PublicEvent[];
  q: string;
  /** The token the page was opened with, carried into the search form and paging links. */
  token: string | null;
  nextCursor: string | null;
}

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

/**
 * "Thursday 20 November 2025" for a day; weeks, months, quarters and years as TimeML writes
 * them. Spelled out here rather than by toLocaleDateString, whose output depends on Node's ICU.
 */
function dateHeading(date: string): string {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) return date;
  const day = new Date(`${date}T00:00:00Z`);
  if (Number.isNaN(day.getTime())) return date;
  return `${WEEKDAYS[day.getUTCDay()]} ${day.getUTCDate()} ${MONTHS[day.getUTCMonth()]} ${day.getUTCFullYear()}`;
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
  const published = source.publishedAt ? ` <time datetime="${escapeHtml(source.publishedAt)}">${escapeHtml(source.publishedAt.slice(0, 16).replace('T', ' '))} UTC</time>` : '';
  return href ? `<li><a href="${escapeHtml(href)}" rel="noreferrer noopener">${label}</a>${published}</li>` : `<li>${label}${published}</li>`;
}

function renderEvent(event: PublicEvent): string {
  const sources = event.sources.map(renderSource).join('');
  const count = `${event.sourceCount} source${event.sourceCount === 1 ? '' : 's'}`;
  return `<article class="event">
<p class="summary">${escapeHtml(event.summary)}</p>
<p class="meta"><time>${escapeHtml(event.date)}</time> · ${escapeHtml(event.granularity)} · <span class="modality">${escapeHtml(event.modality)}</span> · ${count}</p>
<ul class="sources">${sources}</ul>
</article>`;
}

function pageLink(view: TimelineView, cursor: string): string {
  const params = new URLSearchParams();
  if (view.q) params.set('q', view.q);
  if (view.token) params.set('token', view.token);
  params.set('cursor', cursor);
  return `?${params.toString()}`;
}

const STYLE = `body{font:16px/1.5 system-ui,sans-serif;max-width:46rem;margin:2rem auto;padding:0 1rem;color:#222}
h1{font-size:1.4rem}h2{font-size:1.05rem;margin-top:2rem;border-bottom:1px solid #ddd}
.event{margin:.8rem 0}.summary{margin:0;font-weight:600}.meta{margin:0;color:#666;font-size:.9rem}
.sources{margin:.2rem 0;padding:0;list-style:none;font-size:.9rem}.sources time{color:#666}
form{display:flex;gap:.5rem}input[type=search],input[type=password]{flex:1;padding:.3rem}`;

function layout(title: string, body: string): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<meta name="referrer" content="no-referrer"><title>${escapeHtml(title)}</title><style>${STYLE}</style></head>
<body>${body}</body></html>`;
}

/** What a newcomer sees before the first event: how to get one. */
const EMPTY_HINT = `<p>No events yet. chronicle shows the dated events of the articles its sources list: add a
source under <code>sources:</code> in the config file (examples in <code>config/examples/</code>) or with
<code>POST /v1/sources</code>, or fetch one article with <code>chronicle ingest URL</code>. New events appear here
once a source has been polled.</p>`;

export function renderTimeline(view: TimelineView): string {
  const tokenField = view.token ? `<input type="hidden" name="token" value="${escapeHtml(view.token)}">` : '';
  const form = `<form method="get" action="/" role="search"><input type="search" name="q" value="${escapeHtml(view.q)}" placeholder="Search events" aria-label="Search events">${tokenField}<button>Search</button></form>`;
  const groups = groupByDate(view.events)
    .map((group) => `<section><h2>${escapeHtml(dateHeading(group.date))}</h2>${group.events.map(renderEvent).join('\n')}</section>`)
    .join('\n');
  const empty = view.events.length === 0 ? (view.q ? `<p>No events match “${escapeHtml(view.q)}”.</p>` : EMPTY_HINT) : '';
  const older = view.nextCursor ? `<p><a href="${escapeHtml(pageLink(view, view.nextCursor))}">Older events</a></p>` : '';
  return layout('chronicle timeline', `<h1>chronicle timeline</h1>${form}${groups}${empty}${older}`);
}

/** Shown instead of the timeline when the request carries no valid token. */
export function renderTokenForm(wrongToken: boolean): string {
  const hint = wrongToken ? '<p>That token is not valid.</p>' : '<p>Enter the API token to see the timeline.</p>';
  return layout(
    'chronicle timeline',
    `<h1>chronicle timeline</h1>${hint}<form method="get" action="/"><input type="password" name="token" aria-label="API token" autocomplete="current-password"><button>Open</button></form>`,
  );
}

import { createHash } from 'node:crypto';
import type { PublicEvent } from '../store/event-store.js';

/**
 * The events as feeds any reader can follow: Atom (RFC 4287) and JSON Feed 1.1
 * (https://www.jsonfeed.org/version/1.1/). One entry per event, newest first, as /v1/events
 * lists them with the same filters.
 */

export interface FeedView {
  events: PublicEvent[];
  /** Absolute URL of this feed (with its filters, without the token). */
  selfUrl: string;
  /** Absolute URL of the next page, when there is one (RFC 5005 paging). */
  nextUrl: string | null;
  /** Absolute URL of the timeline page. */
  homeUrl: string;
  /** The filters as text, for the title ("geneva talks"). */
  title: string;
  /** Stable for the same filters: the feed's identity (RFC 4287 4.2.6). */
  feedKey: string;
}

/**
 * A permanent, unique IRI for an entry or a feed (RFC 4287 4.2.6: it must never change, whatever
 * address the API is reached at): a name-based UUID (RFC 4122 4.3, SHA-1) of our own key.
 */
export function feedUuid(key: string): string {
  const hash = createHash('sha1').update(`chronicle:${key}`).digest();
  hash[6] = (hash[6] & 0x0f) | 0x50;
  hash[8] = (hash[8] & 0x3f) | 0x80;
  const hex = hash.subarray(0, 16).toString('hex');
  return `urn:uuid:${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

// XML 1.0 (section 2.2) allows tab, newline and carriage return of the C0 controls, no others; a
// hostile page's text could carry them and would make the whole feed unreadable.
// eslint-disable-next-line no-control-regex
const NOT_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g;
const XML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' };

function xml(text: string): string {
  return text.replace(NOT_XML, '').replace(/[&<>"']/g, (char) => XML_ESCAPES[char]);
}

function httpUrl(url: string): string | null {
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'http:' || parsed.protocol === 'https:' ? parsed.href : null;
  } catch {
    return null;
  }
}

function sourceLabel(source: PublicEvent['sources'][number]): string {
  const site = source.site || hostOf(source.url);
  return source.title ? `${site} — ${source.title}` : site;
}

function hostOf(url: string): string {
  try {
    return new URL(url).hostname;
  } catch {
    return url;
  }
}

/** "2025-11-20 · the US submitted a 28-point plan to Kyiv" */
function entryTitle(event: PublicEvent): string {
  return `${event.date} · ${event.summary}`;
}

/** The entry's body as HTML (the sentence and every source), escaped once more inside the XML. */
function entryHtml(event: PublicEvent, escape: (text: string) => string): string {
  const sources = event.sources
    .map((source) => {
      const href = httpUrl(source.url);
      const label = escape(sourceLabel(source));
      return href ? `<li><a href="${escape(href)}">${label}</a></li>` : `<li>${label}</li>`;
    })
    .join('');
  const actors = event.actors.length ? `<p>Actors: ${escape(event.actors.join(', '))}</p>` : '';
  return `<p>${escape(event.sentence)}</p><p>${escape(`${event.date} (${event.granularity}, ${event.modality}; "${event.dateText}")`)}</p>${actors}<ul>${sources}</ul>`;
}

function latest(events: PublicEvent[]): string {
  const times = events.map((event) => Date.parse(event.updatedAt ?? event.firstSeenAt)).filter((time) => !Number.isNaN(time));
  return new Date(times.length ? Math.max(...times) : Date.now()).toISOString();
}

export function renderAtomFeed(view: FeedView): string {
  const entries = view.events.map((event) => {
    const alternate = event.sources.map((source) => httpUrl(source.url)).find(Boolean);
    // One alternate link at most (RFC 4287 4.1.1: one per type and hreflang); the others are related.
    const related = event.sources
      .map((source) => httpUrl(source.url))
      .filter((href): href is string => Boolean(href) && href !== alternate)
      .map((href) => `<link rel="related" href="${xml(href)}"/>`)
      .join('');
    const html = entryHtml(event, xml);
    return `<entry>
<id>${feedUuid(`event:${event.id}`)}</id>
<title type="text">${xml(entryTitle(event))}</title>
<updated>${event.updatedAt ?? event.firstSeenAt}</updated>
<published>${event.firstSeenAt}</published>
${alternate ? `<link rel="alternate" type="text/html" href="${xml(alternate)}"/>` : ''}${related}
<category term="${xml(event.modality)}" label="${xml(event.modality)}"/>
<summary type="text">${xml(event.sentence)}</summary>
<content type="html">${xml(html)}</content>
</entry>`;
  });
  const next = view.nextUrl ? `\n<link rel="next" href="${xml(view.nextUrl)}"/>` : '';
  return `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
<id>${feedUuid(`feed:${view.feedKey}`)}</id>
<title type="text">${xml(view.title)}</title>
<updated>${latest(view.events)}</updated>
<author><name>chronicle</name></author>
<generator>chronicle</generator>
<link rel="self" type="application/atom+xml" href="${xml(view.selfUrl)}"/>
<link rel="alternate" type="text/html" href="${xml(view.homeUrl)}"/>${next}
${entries.join('\n')}
</feed>
`;
}

export function renderJsonFeed(view: FeedView): Record<string, unknown> {
  return {
    version: 'https://jsonfeed.org/version/1.1',
    title: view.title,
    home_page_url: view.homeUrl,
    feed_url: view.selfUrl,
    ...(view.nextUrl ? { next_url: view.nextUrl } : {}),
    authors: [{ name: 'chronicle' }],
    items: view.events.map((event) => {
      const url = event.sources.map((source) => httpUrl(source.url)).find(Boolean);
      return {
        id: event.id,
        ...(url ? { url } : {}),
        title: entryTitle(event),
        content_html: entryHtml(event, escapeHtml),
        summary: event.sentence,
        date_published: event.firstSeenAt,
        date_modified: event.updatedAt ?? event.firstSeenAt,
        tags: [event.modality, ...event.actors],
        // JSON Feed's extension convention: an underscore key for what the format has no field for.
        _chronicle: { date: event.date, granularity: event.granularity, sources: event.sources },
      };
    }),
  };
}

const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => HTML_ESCAPES[char]);
}

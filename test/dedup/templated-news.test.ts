import { describe, expect, it } from 'vitest';
import { findSameEvent, type ComparableEvent } from '../../src/dedup/same-event.js';
import { extractArticle } from '../../src/extract/extract-article.js';
import { extractEvents } from '../../src/events/extract-events.js';
import { regionalArticle } from '../support/publishing-site.js';

/**
 * The regional site of the service tests publishes one happening an article (a town, an
 * institution, an act), all on one day and told in one template: lede, reactions ("Local
 * businesses welcomed the news", "Shop owners … the centre of <town>"). Merged the way the process
 * stage merges (each event against the events stored before it), no report of one article may
 * join another article's event: every article tells its own happenings. Pure: pages built in
 * memory, extracted and compared, no server.
 */
describe('dedup over templated news of different towns on one day', () => {
  it('merges no event of one article into another article’s', () => {
    const now = Date.parse('2026-12-01T06:00:00Z');
    const stored: Array<ComparableEvent & { articles: Set<number> }> = [];
    for (let index = 0; index < 20; index++) {
      const page = regionalArticle(index, new Date(now - (20 - index) * 60_000));
      const article = extractArticle(page.html, { url: `http://127.0.0.1${page.path}` });
      const events = extractEvents(article.text, { publishedAt: article.publishedAt ?? page.publishedAt });
      expect(events.length).toBeGreaterThan(0);
      for (const event of events) {
        const same = findSameEvent(event, stored);
        if (same) same.articles.add(index);
        else stored.push({ ...event, articles: new Set([index]) });
      }
    }
    const joined = stored.filter((event) => event.articles.size > 1).map((event) => `${event.summary} ← articles ${[...event.articles].join(', ')}`);
    expect(joined).toEqual([]);
    // Every article's lede stays its own event.
    expect(stored.filter((event) => /^On \w+day, /.test(event.sentence)).length).toBe(20);
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compressRaw } from '../../src/fetch/raw-body.js';
import { processArticle } from '../../src/pipeline/process-article.js';
import { contentHash } from '../../src/sources/content-revision.js';
import type { Database } from '../../src/store/database.js';
import { openStore } from '../../src/store/store.js';
import { insertDiscoveredArticles, saveFetchedContent } from '../../src/store/article-store.js';
import { getEvent } from '../../src/store/event-store.js';
import { upsertWebhook } from '../../src/store/webhook-store.js';

function page(site: string, published: string, paragraphs: string[]): string {
  return `<!doctype html><html lang="en"><head><title>${site} report</title><meta property="og:site_name" content="${site}">
<meta property="article:published_time" content="${published}"></head><body><article><h1>${site} report</h1>
${paragraphs.map((text) => `<p>${text}</p>`).join('\n')}</article></body></html>`;
}

const SECRET = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';

describe('process stage: one event per happening, told once or twice, by one outlet or two', () => {
  let db: Database;
  let sequence = 0;
  const ingest = async (site: string, published: string, paragraphs: string[]) => {
    sequence += 1;
    const url = `https://${site.toLowerCase().replaceAll(' ', '')}.example/world/story-${sequence}`;
    const [{ id }] = await insertDiscoveredArticles(db, null, [{ url, canonicalUrl: url, title: null, publishedAt: null }]);
    const html = page(site, published, paragraphs);
    await saveFetchedContent(db, id, { rawCompressed: compressRaw(Buffer.from(html)), contentType: 'text/html; charset=utf-8', etag: null, lastModified: null, contentHash: contentHash(html), finalUrl: url });
    return { articleId: id, outcome: await processArticle(db, id) };
  };
  const created = async () => (await db.query<{ event_id: string; webhook_id: string }>(`select event_id, webhook_id from deliveries where type = 'event.created'`)).rows;
  const deadlineEvents = async () =>
    (await db.query<{ id: string }>(`select id from events where sentence ilike '%Thanksgiving%' or sentence ilike '%November 27%'`)).rows.map((row) => row.id);

  beforeAll(async () => {
    db = await openStore('pglite://memory');
    await upsertWebhook(db, { id: 'desk', url: 'http://127.0.0.1:9/hook', secret: SECRET }, 'config');
    // An endpoint with a month-long window: history a week too old for the desk still pages it.
    await upsertWebhook(db, { id: 'archive', url: 'http://127.0.0.1:9/archive', secret: SECRET, notify: { recentDays: 30 } }, 'config');
  });
  afterAll(async () => db?.close());

  let deadlineId: string;

  it('makes the same deadline told twice in one article one event with two mentions, created once', async () => {
    const { outcome } = await ingest('First Outlet', '2025-11-24T10:00:00Z', [
      'US officials want Ukraine to sign the peace plan before Thanksgiving on Thursday.',
      'The talks in Geneva are described by diplomats as tense.',
      'Ukraine must sign the peace plan by Thursday, November 27, US officials said.',
    ]);
    const ids = await deadlineEvents();
    expect(ids).toHaveLength(1);
    [deadlineId] = ids;
    expect(await getEvent(db, deadlineId)).toMatchObject({ date: '2025-11-27', modality: 'deadline', sourceCount: 1, mentionCount: 2 });
    expect(outcome.createdEventIds).toContain(deadlineId);
    expect((await created()).filter((row) => row.event_id === deadlineId).map((row) => row.webhook_id).sort()).toEqual(['archive', 'desk']);
  });

  it('merges another outlet telling it in other words into the same event: event.updated, never a second event.created', async () => {
    const { outcome } = await ingest('Second Outlet', '2025-11-25T08:00:00Z', [
      'Kyiv has a Thanksgiving deadline, November 27, to sign the US peace plan.',
      'The plan is described by European diplomats as a basis for talks, not a final text.',
    ]);
    expect(outcome.status).toBe('processed');
    expect(outcome.createdEventIds).not.toContain(deadlineId);
    expect(outcome.updatedEventIds).toContain(deadlineId);
    expect(await deadlineEvents()).toEqual([deadlineId]);
    expect(await getEvent(db, deadlineId)).toMatchObject({ sourceCount: 2, mentionCount: 3 });
    expect((await created()).filter((row) => row.event_id === deadlineId)).toHaveLength(2);
  });

  it('merges two outlets that open with the same one-word name when the first article shows it is a name (kept with the stored event)', async () => {
    // The first article writes "built by Airbus": its opener is a name. The second never writes
    // Airbus inside a sentence: only the stored event's mark makes the two share a participant.
    const first = await ingest('Plane Desk', '2005-01-19T08:00:00Z', ['Airbus unveiled the A380 superjumbo jet on Tuesday.', 'The jet, built by Airbus, seats 555 passengers.']);
    const [unveiled] = (await db.query<{ id: string; opener_named: boolean }>(`select id, opener_named from events where sentence like 'Airbus unveiled%'`)).rows;
    expect(first.outcome.createdEventIds).toContain(unveiled.id);
    expect(unveiled.opener_named).toBe(true);
    const second = await ingest('Wing Wire', '2005-01-19T09:00:00Z', ['Airbus unveiled the A380 superjumbo on Tuesday, the largest passenger jet ever built.', 'Orders are expected to grow.']);
    expect(second.outcome.updatedEventIds).toContain(unveiled.id);
    expect(second.outcome.createdEventIds).not.toContain(unveiled.id);
    expect(await getEvent(db, unveiled.id)).toMatchObject({ sourceCount: 2, mentionCount: 2 });
  });

  it('dates an undated act by the publication day and pages it; history outside a window pages only the wider one', async () => {
    const { outcome } = await ingest('Third Outlet', '2025-11-26T08:00:00Z', [
      'Apple unveiled a new phone at its headquarters in Cupertino.',
      'Apple opened its first store in Tokyo on November 10.',
    ]);
    const events = await Promise.all(outcome.createdEventIds.map((id) => getEvent(db, id)));
    const unveiled = events.find((event) => event?.sentence.includes('unveiled'));
    const opened = events.find((event) => event?.sentence.includes('opened'));
    expect(unveiled).toMatchObject({ date: '2025-11-26', dateBasis: 'publication' });
    expect(opened).toMatchObject({ date: '2025-11-10', dateBasis: 'text' });
    const pages = await created();
    expect(pages.filter((row) => row.event_id === unveiled!.id).map((row) => row.webhook_id).sort()).toEqual(['archive', 'desk']);
    // 16 days before the report: older than the desk's 7, within the archive's 30.
    expect(pages.filter((row) => row.event_id === opened!.id).map((row) => row.webhook_id)).toEqual(['archive']);
  });

  it('joins a later report retelling an act as background, with no date but its own day, to the act an earlier report dated', async () => {
    const first = await ingest('Launch Desk', '2010-06-08T08:00:00Z', [
      "Yesterday, at this year's Apple Worldwide Developers Conference (WWDC), company CEO Steve Jobs unveiled iPhone 4, along with the new iOS 4 operating system.",
    ]);
    const [unveiled] = (await db.query<{ id: string }>(`select id from events where sentence like 'Yesterday, at this year%'`)).rows;
    expect(first.outcome.createdEventIds).toContain(unveiled.id);
    // Two months on: "first introduced" tells the launch as background; the report's day is no date of it.
    const later = await ingest('Antenna Desk', '2010-08-09T08:00:00Z', [
      "When Apple CEO Steve Jobs first introduced iPhone 4, he praised the device's antenna design.",
    ]);
    expect(later.outcome.updatedEventIds).toContain(unveiled.id);
    expect(later.outcome.createdEventIds).not.toContain(unveiled.id);
    expect(await getEvent(db, unveiled.id)).toMatchObject({ date: '2010-06-07', dateBasis: 'text', sourceCount: 2 });
  });

  it('upgrades events stored under older rules on re-ingest, under their announced ids, without a second event.created', async () => {
    // As the rules before dateBasis stored it: a coarser date, another cut of the clause.
    const { rows: articles } = await db.query<{ id: string }>(`select id from articles where site_name = 'First Outlet'`);
    await db.query(
      `update events set date = '2025-11', granularity = 'month', date_start = '2025-11-01', date_end = '2025-11-30', date_basis = 'text', summary = 'US officials want Ukraine to sign the peace plan' where id = $1`,
      [deadlineId],
    );
    await db.query(`update event_mentions set summary = 'US officials want Ukraine to sign the peace plan' where event_id = $1`, [deadlineId]);
    const createdBefore = (await created()).length;
    const again = await processArticle(db, articles[0].id);
    expect(again.createdEventIds).toEqual([]);
    expect(await deadlineEvents()).toEqual([deadlineId]);
    expect(await getEvent(db, deadlineId)).toMatchObject({ date: '2025-11-27', granularity: 'day', dateBasis: 'text', sourceCount: 2 });
    expect((await created()).length).toBe(createdBefore);
  });
});

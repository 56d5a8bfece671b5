import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compressRaw } from '../../src/fetch/raw-body.js';
import { processArticle } from '../../src/pipeline/process-article.js';
import { contentHash } from '../../src/sources/content-revision.js';
import type { Database } from '../../src/store/database.js';
import { openStore } from '../../src/store/store.js';
import { insertDiscoveredArticles, saveFetchedContent } from '../../src/store/article-store.js';
import { getDelivery } from '../../src/store/delivery-store.js';
import { getEvent, type PublicEvent } from '../../src/store/event-store.js';
import { WEBHOOK_SOURCES } from '../../src/notify/webhook-payload.js';
import { upsertWebhook } from '../../src/store/webhook-store.js';

function page(site: string, published: string, paragraphs: string[]): string {
  return `<!doctype html><html lang="en"><head><title>${site} report</title><meta property="og:site_name" content="${site}">
<meta property="article:published_time" content="${published}"></head><body><article><h1>${site} report</h1>
${paragraphs.map((text) => `<p>${text}</p>`).join('\n')}</article></body></html>`;
}

const FILLER = [
  // Descriptions, no acts: since undated acts are events too, filler must tell none.
  'Officials from both delegations describe the atmosphere as constructive but difficult.',
  'Several points of the framework remain unresolved, including the future of occupied territory and the security guarantees on offer.',
];

describe('process stage: which events page whom', () => {
  let db: Database;
  let sequence = 0;

  const ingest = async (site: string, published: string, paragraphs: string[]) => {
    sequence += 1;
    const url = `https://${site.toLowerCase().replaceAll(' ', '')}.example/world/story-${sequence}`;
    const [{ id }] = await insertDiscoveredArticles(db, null, [{ url, canonicalUrl: url, title: null, publishedAt: null }]);
    const html = page(site, published, [...paragraphs, ...FILLER]);
    await saveFetchedContent(db, id, { rawCompressed: compressRaw(Buffer.from(html)), contentType: 'text/html; charset=utf-8', etag: null, lastModified: null, contentHash: contentHash(html), finalUrl: url });
    return processArticle(db, id);
  };
  const deliveryTypes = async (ids: string[]) => Promise.all(ids.map(async (id) => (await getDelivery(db, id))?.type));

  beforeAll(async () => {
    db = await openStore('pglite://memory');
    await upsertWebhook(db, { id: 'desk', url: 'http://127.0.0.1:9/hook', secret: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw' }, 'config');
    await upsertWebhook(db, { id: 'gaza-desk', url: 'http://127.0.0.1:9/gaza', secret: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw', filter: { keywords: ['Gaza'] } }, 'config');
  });
  afterAll(async () => db?.close());

  it('pages event.created for a new development, only to endpoints whose filter matches', async () => {
    const outcome = await ingest('First Outlet', '2025-11-24T10:00:00Z', [
      'Ukrainian and US delegations met in Geneva on Sunday to discuss the peace plan drafted by Washington.',
    ]);
    expect(outcome.createdEventIds.length).toBeGreaterThan(0);
    const event = await getEvent(db, outcome.createdEventIds[0]);
    expect(event?.date).toBe('2025-11-23');
    expect(await deliveryTypes(outcome.deliveryBatches.flatMap((batch) => batch.deliveryIds))).toEqual(outcome.createdEventIds.map(() => 'event.created'));
    const { rows } = await db.query<{ webhook_id: string }>('select distinct webhook_id from deliveries');
    expect(rows.map((row) => row.webhook_id)).toEqual(['desk']);
    // One batch for the endpoint: one notify job sends the article's deliveries to it.
    expect(outcome.deliveryBatches).toHaveLength(1);
  });

  it('merges the same event from a second outlet into one record and pages event.updated, not event.created', async () => {
    const outcome = await ingest('Second Outlet', '2025-11-24T12:00:00Z', [
      'On Sunday, US and Ukrainian delegations met in Geneva for talks on the peace plan drafted by Washington.',
    ]);
    expect(outcome.createdEventIds).toEqual([]);
    expect(outcome.updatedEventIds).toHaveLength(1);
    const event = await getEvent(db, outcome.updatedEventIds[0]);
    expect(event?.sourceCount).toBe(2);
    expect(event?.sources.map((source) => source.site).sort()).toEqual(['First Outlet', 'Second Outlet']);
    expect(await deliveryTypes(outcome.deliveryBatches.flatMap((batch) => batch.deliveryIds))).toEqual(['event.updated']);
  });

  it('stores background history as an event but pages nobody', async () => {
    const outcome = await ingest('Third Outlet', '2025-11-24T14:00:00Z', ['Russia annexed Crimea in 2014, and the war began in February 2022.']);
    expect(outcome.createdEventIds.length).toBeGreaterThan(0);
    const dates = await Promise.all(outcome.createdEventIds.map(async (id) => (await getEvent(db, id))?.date));
    expect(dates).toContain('2014');
    expect(outcome.deliveryBatches).toEqual([]);
  });

  it('adds nothing and pages nobody when an article is processed again', async () => {
    const { rows } = await db.query<{ id: string }>('select id from articles order by created_at');
    for (const { id } of rows) {
      const again = await processArticle(db, id);
      expect(again.createdEventIds).toEqual([]);
      expect(again.updatedEventIds).toEqual([]);
      expect(again.deliveryBatches).toEqual([]);
    }
  });

  it("names the first and the latest outlets in a webhook's event, and counts them all, however many tell it", async () => {
    const told = [];
    for (let i = 3; i <= WEBHOOK_SOURCES + 4; i++) {
      const hour = String(i % 24).padStart(2, '0');
      told.push(await ingest(`Outlet ${i}`, `2025-11-25T${hour}:00:00Z`, ['On Sunday, US and Ukrainian delegations met in Geneva for talks on the peace plan drafted by Washington.']));
    }
    const last = told.at(-1)!;
    expect(last.updatedEventIds).toHaveLength(1);
    const [delivery] = await Promise.all(last.deliveryBatches.flatMap((batch) => batch.deliveryIds).map((id) => getDelivery(db, id)));
    const { data } = delivery!.payload as { data: PublicEvent };
    const outlets = WEBHOOK_SOURCES + 4;
    expect(data.sourceCount).toBe(outlets);
    expect(data.sources).toHaveLength(WEBHOOK_SOURCES);
    const sites = data.sources.map((source) => source.site);
    // The first to tell it, and the one that just did (by when each was recorded, not published).
    expect(sites).toContain('First Outlet');
    expect(sites).toContain(`Outlet ${outlets}`);
    expect(sites).not.toContain('Second Outlet');
    // The API's event lists every source.
    expect((await getEvent(db, data.id))?.sources).toHaveLength(outlets);
  });
});

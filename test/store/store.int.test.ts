import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/store/database.js';
import { migrate } from '../../src/store/migrations.js';
import { insertDiscoveredArticles, listArticles, saveFetchedContent, saveProcessedArticle, selectArticleIds, getArticle } from '../../src/store/article-store.js';
import { addMention, insertEvent, listEvents, getEvent, getEvents } from '../../src/store/event-store.js';
import { COMMON_KEY, readMergeInputs, writeMergeOutcome, type MergeEvent } from '../../src/store/event-merge-store.js';
import { eventKeys } from '../../src/dedup/event-keys.js';
import { createDeliveries, createDelivery, getDeliveriesToSend, listAttempts, listPendingDeliveryBatches, recordAttempt, recordAttempts, getDelivery } from '../../src/store/delivery-store.js';
import { syncConfigSources, listSources, recordPollFailure, recordPollSuccess, getSource } from '../../src/store/source-store.js';
import { deleteWebhook, upsertWebhook } from '../../src/store/webhook-store.js';
import { storeBackends, testEvent } from '../support/store-backends.js';

const backends = await storeBackends('store tests');

const event = testEvent;

for (const backend of backends) {
  describe.skipIf(backend.skip)(`store on ${backend.name}`, () => {
    let db: Database;
    let drop: () => Promise<void>;
    beforeAll(async () => {
      ({ db, drop } = await backend.open());
    });
    afterAll(async () => {
      await db?.close();
      await drop?.();
    });

    const findMergeCandidates = async (report: { start: string; end: string; keys: string[] }, articleId: string) => (await readMergeInputs(db, articleId, [report])).candidates;
    /** The stored event as the merge reads it (through its own keys). */
    const mergeEvent = async (id: string, articleId: string): Promise<MergeEvent> => {
      const { rows } = await db.query<{ summary: string; sentence: string; actors: string[] | string; s: string; e: string }>(
        'select summary, sentence, actors, date_start::text as s, date_end::text as e from events where id = $1',
        [id],
      );
      const [row] = rows;
      const actors = typeof row.actors === 'string' ? (JSON.parse(row.actors) as string[]) : row.actors;
      const found = await findMergeCandidates({ start: row.s, end: row.e, keys: eventKeys({ summary: row.summary, sentence: row.sentence, actors }) }, articleId);
      return found.find((candidate) => candidate.id === id)!;
    };
    /** Another article tells a stored event again, as the merge writes it: a new telling, maybe new actors or a finer date. */
    const tellAgain = async (id: string, articleId: string, change: { actors?: string[]; period?: { date: string; start: string; end: string } }) => {
      const stored = await mergeEvent(id, articleId);
      const addedActors = change.actors ?? [];
      const event = { ...stored, actors: [...stored.actors, ...addedActors] };
      if (change.period) Object.assign(event, { date: change.period.date, dateStart: change.period.start, dateEnd: change.period.end });
      await writeMergeOutcome(db, articleId, {
        created: [],
        changed: [{ event, addedActors, refined: Boolean(change.period), touched: true, toldBefore: false }],
        mentions: [{ eventId: id, sentence: `told again by ${articleId}`, summary: 'told again', dateText: 'd', modality: event.modality }],
      });
    };

    it('applies migrations once', async () => {
      expect(await migrate(db)).toEqual([]);
    });

    it.skipIf(backend.name !== 'PostgreSQL')("runs PostgreSQL without JIT on every pooled connection, beside the URL's own options", async () => {
      // Five at once: the pool opens several connections; each must have started with jit off.
      const settings = await Promise.all(Array.from({ length: 5 }, () => db.query<{ jit: string; path: string }>("select current_setting('jit') as jit, current_setting('search_path') as path")));
      for (const { rows } of settings) {
        expect(rows[0].jit).toBe('off');
        // The test schema comes from the URL's own `options` (-c search_path=…): kept.
        expect(rows[0].path).toMatch(/^t_/);
      }
    });

    it('keeps config sources in step and records polling state', async () => {
      await syncConfigSources(db, [
        { id: 'a', kind: 'feed', url: 'http://127.0.0.1/a.xml', every: '5m' },
        { id: 'b', kind: 'sitemap', url: 'http://127.0.0.1/s.xml', cron: '*/10 * * * *' },
      ]);
      await syncConfigSources(db, [{ id: 'a', kind: 'feed', url: 'http://127.0.0.1/a.xml', every: '5m' }]);
      expect((await listSources(db)).map((source) => source.id)).toEqual(['a']);
      expect(await recordPollFailure(db, 'a', 'HTTP_500: server error', new Date(Date.now() + 60_000))).toBe(1);
      expect(await recordPollFailure(db, 'a', 'HTTP_500: server error', new Date(Date.now() + 60_000))).toBe(2);
      expect((await getSource(db, 'a'))?.lastError).toBe('HTTP_500: server error');
      await recordPollSuccess(db, 'a', { etag: '"x"', lastModified: null, minIntervalMs: null, nextPollAt: new Date() });
      const source = await getSource(db, 'a');
      expect(source?.consecutiveFailures).toBe(0);
      expect(source?.etag).toBe('"x"');
    });

    it('records each canonical URL once and keeps revisions of changed content', async () => {
      const item = { url: 'http://x.test/a?utm_source=1', canonicalUrl: 'http://x.test/a', title: 'A', publishedAt: null };
      const first = await insertDiscoveredArticles(db, 'a', [item, item]);
      expect(first).toHaveLength(1);
      expect(await insertDiscoveredArticles(db, 'a', [item])).toEqual([]);
      const id = first[0].id;
      const content = { rawCompressed: Buffer.from('one'), contentType: 'text/html', etag: null, lastModified: null, contentHash: 'h1', finalUrl: item.url };
      expect(await saveFetchedContent(db, id, content)).toEqual({ changed: true, revision: 1 });
      expect(await saveFetchedContent(db, id, content)).toEqual({ changed: false, revision: 1 });
      expect(await saveFetchedContent(db, id, { ...content, contentHash: 'h2' })).toEqual({ changed: true, revision: 2 });
      expect((await getArticle(db, id))?.revision).toBe(2);
      expect(await selectArticleIds(db, { sourceId: 'a', withRaw: true })).toEqual([id]);
    });

    it('lists events newest first with a working cursor, and counts sources', async () => {
      const [{ id: articleId }] = await insertDiscoveredArticles(db, null, [{ url: 'http://y.test/1', canonicalUrl: 'http://y.test/1', title: null, publishedAt: null }]);
      const ids: string[] = [];
      for (const day of ['2025-11-18', '2025-11-19', '2025-11-20']) {
        const id = await insertEvent(db, event(day, `Something happened on ${day}.`));
        await addMention(db, id, articleId, { sentence: 's', summary: 's', dateText: 'd', modality: 'occurred' });
        ids.push(id);
      }
      expect(await addMention(db, ids[0], articleId, { sentence: 's', summary: 's', dateText: 'd', modality: 'occurred' })).toBe(false);
      const page1 = await listEvents(db, { limit: 2 });
      expect(page1.events.map((e) => e.date)).toEqual(['2025-11-20', '2025-11-19']);
      const page2 = await listEvents(db, { limit: 2, cursor: page1.nextCursor ?? undefined });
      expect(page2.events.map((e) => e.date)).toEqual(['2025-11-18']);
      expect(page2.nextCursor).toBeNull();
      expect((await listEvents(db, { limit: 10, since: '2025-11-19', until: '2025-11-19' })).events).toHaveLength(1);
      const stored = await getEvent(db, ids[2]);
      expect(stored?.sourceCount).toBe(1);
      expect(stored?.sources[0].url).toBe('http://y.test/1');
      // q is words, not a LIKE pattern: "%" matches nothing rather than everything.
      expect((await listEvents(db, { limit: 10, q: 'happened on 2025-11-19' })).events).toHaveLength(1);
      expect((await listEvents(db, { limit: 10, q: '%' })).events).toHaveLength(0);
    });

    it('gives an event its first and latest sources when asked for fewer, and counts them all', async () => {
      const urls = Array.from({ length: 8 }, (_, n) => ({ url: `http://told.test/${n}`, canonicalUrl: `http://told.test/${n}`, title: null, publishedAt: null }));
      const articles = await insertDiscoveredArticles(db, null, urls);
      const id = await insertEvent(db, event('2025-11-21', 'Told by eight outlets on 21 November.'));
      for (const [n, article] of articles.entries()) {
        await addMention(db, id, article.id, { sentence: `s${n}`, summary: 's', dateText: 'd', modality: 'occurred' });
        if (n === 2) await addMention(db, id, article.id, { sentence: 'told twice', summary: 's', dateText: 'd', modality: 'occurred' });
      }
      const [limited] = await getEvents(db, [id], { sourcesLimit: 3 });
      expect(limited.sourceCount).toBe(8);
      expect(limited.mentionCount).toBe(9);
      expect(limited.sources.map((source) => source.url).sort()).toEqual(['http://told.test/0', 'http://told.test/6', 'http://told.test/7']);
      const [all] = await getEvents(db, [id]);
      expect(all.sources).toHaveLength(8);
      expect(all.mentionCount).toBe(9);
    });

    it('pages through events and articles stored in one transaction (one instant) without skipping any', async () => {
      // One transaction's rows share now() to the microsecond; a cursor cut to milliseconds
      // skipped the rest of them on PostgreSQL.
      const urls = [1, 2, 3, 4, 5].map((n) => ({ url: `http://same-instant.test/${n}`, canonicalUrl: `http://same-instant.test/${n}`, title: null, publishedAt: null }));
      const eventIds = await db.transaction(async (tx) => {
        await insertDiscoveredArticles(tx, null, urls);
        const ids: string[] = [];
        for (const n of [1, 2, 3, 4, 5]) ids.push(await insertEvent(tx, event('2024-03-03', `Same instant number ${n} happened.`)));
        return ids;
      });
      const seenEvents: string[] = [];
      let cursor: string | undefined;
      do {
        const page = await listEvents(db, { limit: 2, since: '2024-03-03', until: '2024-03-03', cursor });
        seenEvents.push(...page.events.map((e) => e.id));
        cursor = page.nextCursor ?? undefined;
      } while (cursor);
      expect(seenEvents.sort()).toEqual([...eventIds].sort());
      const seenArticles: string[] = [];
      do {
        const page = await listArticles(db, { limit: 2, cursor });
        seenArticles.push(...page.articles.map((a) => a.url));
        cursor = page.nextCursor ?? undefined;
      } while (cursor);
      expect(seenArticles.filter((url) => url.startsWith('http://same-instant.test/')).sort()).toEqual(urls.map((u) => u.url).sort());
    });

    it('gives the merge its candidates through the key index: near the date, sharing a key, with whether this article told them', async () => {
      const articles = await insertDiscoveredArticles(db, null, [
        { url: 'http://near.test/1', canonicalUrl: 'http://near.test/1', title: null, publishedAt: null },
        { url: 'http://near.test/2', canonicalUrl: 'http://near.test/2', title: null, publishedAt: null },
      ]);
      const told = await insertEvent(db, { ...event('2019-07-10', 'The old bridge reopened at dawn.'), modality: 'scheduled' });
      await addMention(db, told, articles[0].id, { sentence: 's', summary: 's', dateText: 'd', modality: 'scheduled' });
      const dayAfter = await insertEvent(db, event('2019-07-11', 'The bridge closed again at noon.'));
      const otherWords = await insertEvent(db, event('2019-07-10', 'A ferry sailed at noon.'));
      const weekLater = await insertEvent(db, event('2019-07-17', 'The bridge closed for good.'));
      const report = { start: '2019-07-10', end: '2019-07-10', keys: eventKeys({ summary: 'The bridge reopened.', sentence: 'The bridge reopened.', actors: [] }) };
      const near = await findMergeCandidates(report, articles[0].id);
      // Sharing "bridge" within a day of the date; the ferry shares no key, the week-later event no date.
      expect(near.map((e) => e.id)).toEqual([told, dayAfter]);
      expect(near[0].modality).toBe('scheduled');
      expect(near[0].reportedIn).toEqual([articles[0].id]);
      expect(near[1].reportedIn).toEqual([]);
      expect((await findMergeCandidates(report, articles[1].id))[0].reportedIn).toEqual([]);
      expect(otherWords).toBeTruthy();
      // A finer date moves the event's keys with it; a merge's new actor becomes a key.
      await tellAgain(weekLater, articles[1].id, { period: { date: '2019-07-10', start: '2019-07-10', end: '2019-07-10' } });
      expect((await findMergeCandidates(report, articles[0].id)).map((e) => e.id)).toContain(weekLater);
      const byName = { start: '2019-07-10', end: '2019-07-10', keys: eventKeys({ summary: 'Zorblat spoke.', sentence: 'Zorblat spoke.', actors: ['Zorblat'] }) };
      expect(await findMergeCandidates(byName, articles[0].id)).toEqual([]);
      await tellAgain(otherWords, articles[1].id, { actors: ['Zorblat'] });
      expect((await findMergeCandidates(byName, articles[0].id)).map((e) => e.id)).toEqual([otherWords]);
    });

    it('looks a report up by its rarer keys only: a key over COMMON_KEY events near the date share finds nothing by itself', async () => {
      const [{ id: articleId }] = await insertDiscoveredArticles(db, null, [{ url: 'http://near.test/busy', canonicalUrl: 'http://near.test/busy', title: null, publishedAt: null }]);
      const day = '2021-03-04';
      const busy: string[] = [];
      for (let i = 0; i <= COMMON_KEY; i += 1) busy.push(await insertEvent(db, event(day, `The harbour council met for the ${i}th time.`, [])));
      const rare = await insertEvent(db, event(day, 'The harbour council ordered a zeppelin.', []));
      const keysOf = (sentence: string) => eventKeys({ summary: sentence, sentence, actors: [] });
      // "harbour" and "council" are over the bound that day; "zeppelin" is not.
      expect((await findMergeCandidates({ start: day, end: day, keys: keysOf('The harbour council bought a zeppelin.') }, articleId)).map((e) => e.id)).toEqual([rare]);
      expect(await findMergeCandidates({ start: day, end: day, keys: keysOf('The harbour council adjourned.') }, articleId)).toEqual([]);
      // A day later than the window, the same words are rare again.
      expect((await findMergeCandidates({ start: '2021-03-10', end: '2021-03-10', keys: keysOf('The harbour council adjourned.') }, articleId))).toEqual([]);
      const lone = await insertEvent(db, event('2021-03-10', 'The harbour council closed.', []));
      expect((await findMergeCandidates({ start: '2021-03-10', end: '2021-03-10', keys: keysOf('The harbour council adjourned.') }, articleId)).map((e) => e.id)).toEqual([lone]);
      expect(busy).toHaveLength(COMMON_KEY + 1);
    });

    it('gives the events of a store from before the key index their keys when it migrates', async () => {
      const report = { start: '2019-07-10', end: '2019-07-10', keys: eventKeys({ summary: 'The bridge reopened.', sentence: 'The bridge reopened.', actors: [] }) };
      const [{ id: articleId }] = await insertDiscoveredArticles(db, null, [{ url: 'http://near.test/3', canonicalUrl: 'http://near.test/3', title: null, publishedAt: null }]);
      const before = (await findMergeCandidates(report, articleId)).map((e) => e.id);
      expect(before.length).toBeGreaterThan(0);
      // The store as migration 8 left it: no event_keys table, migration 9 not applied.
      await db.exec('drop table event_keys');
      await db.query('delete from schema_migrations where id = 9');
      expect(await migrate(db)).toEqual([9]);
      expect((await findMergeCandidates(report, articleId)).map((e) => e.id)).toEqual(before);
    });

    it('searches words, ranked, over summaries, actors, sentences and titles', async () => {
      const article = async (path: string, title: string) => {
        const [{ id }] = await insertDiscoveredArticles(db, 'search', [{ url: `http://s.test/${path}`, canonicalUrl: `http://s.test/${path}`, title: null, publishedAt: null }]);
        await saveProcessedArticle(db, id, { title, byline: null, siteName: null, lang: null, publishedAt: null, publishedAtSource: null, modifiedAt: null, text: 'x' });
        return id;
      };
      const report = async (articleId: string, date: string, summary: string, sentence: string, actors: string[]) => {
        const id = await insertEvent(db, { ...event(date, sentence), summary, actors });
        await addMention(db, id, articleId, { sentence, summary, dateText: 'on Sunday', modality: 'occurred' });
        return id;
      };
      const news = await article('news', 'Zelensky weighs a deal');
      const geneva = await report(news, '2024-03-02', 'Delegations met', 'Delegations met after talks in Geneva on Sunday.', ['Rubio']);
      const plan = await report(news, '2024-03-03', 'The US sent a peace plan', 'The US sent a peace plan to Kyiv.', ['US']);
      const crimea = await report(news, '2024-03-04', 'Russia rejected the peace plan', 'Russia rejected the peace plan over Crimea.', ['Russia']);
      const german = await report(await article('de', 'Verhandlungen in Genf'), '2024-03-05', 'Die Delegationen trafen sich', 'Die Delegationen trafen sich in Genf.', ['Selenskyj']);
      const ids = async (q: string, order?: 'date') => (await listEvents(db, { limit: 10, q, order })).events.map((e) => e.id);

      // Words in any order, any form ("talk" finds "talks"), not only the exact phrase.
      expect(await ids('Geneva talks')).toEqual([geneva]);
      expect(await ids('talk geneva')).toEqual([geneva]);
      // websearch syntax: a quoted phrase, a minus excludes.
      expect(await ids('"peace plan" -crimea')).toEqual([plan]);
      expect(await ids('"plan peace"')).toEqual([]);
      expect((await ids('plan peace')).sort()).toEqual([plan, crimea].sort());
      // Actors, the article's title, and words of another language as written.
      expect(await ids('rubio')).toEqual([geneva]);
      expect((await ids('zelensky deal')).sort()).toEqual([geneva, plan, crimea].sort());
      expect(await ids('Genf Delegationen')).toEqual([german]);
      // Ranked: a summary match (weight A) before a title-only match (B) and a sentence-only one.
      await tellAgain(german, await article('de2', 'Gespräche gehen weiter'), { actors: ['Kyiv'] });
      expect(await ids('kyiv')).toEqual([german, plan]);
      expect(await ids('kyiv', 'date')).toEqual([german, plan]);
      expect((await ids('crimea'))[0]).toBe(crimea);
      // Paging a ranked list by its cursor gives every match once.
      const seen: string[] = [];
      let cursor: string | undefined;
      do {
        const page = await listEvents(db, { limit: 1, q: 'peace OR geneva OR genf', cursor });
        seen.push(...page.events.map((e) => e.id));
        cursor = page.nextCursor ?? undefined;
      } while (cursor);
      expect(seen.sort()).toEqual([geneva, plan, crimea, german].sort());
    });

    it('records event.created once per endpoint and event, and logs attempts', async () => {
      await upsertWebhook(db, { id: 'desk', url: 'http://127.0.0.1:1/hook', secret: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw' }, 'config');
      const [eventRow] = (await listEvents(db, { limit: 1 })).events;
      const delivery = { webhookId: 'desk', eventId: eventRow.id, type: 'event.created' as const, payload: { a: 1 } };
      const id = await createDelivery(db, delivery);
      expect(id).not.toBeNull();
      expect(await createDelivery(db, delivery)).toBeNull();
      expect(await listPendingDeliveryBatches(db)).toEqual([{ batchId: null, deliveryIds: [id] }]);
      await recordAttempt(db, id!, { statusCode: 500, error: 'HTTP 500', durationMs: 3, succeeded: false, final: false });
      await recordAttempt(db, id!, { statusCode: 204, error: null, durationMs: 3, succeeded: true, final: false });
      const stored = await getDelivery(db, id!);
      expect(stored?.status).toBe('succeeded');
      expect(stored?.attempts).toBe(2);
      expect((await listAttempts(db, id!)).map((attempt) => [attempt.attempt, attempt.statusCode, attempt.error])).toEqual([
        [1, 500, 'HTTP 500'],
        [2, 204, null],
      ]);
      expect(await listPendingDeliveryBatches(db)).toEqual([]);
    });

    it('records an article\'s deliveries as one batch per endpoint and logs a batch\'s attempts in one statement', async () => {
      await upsertWebhook(db, { id: 'batch-a', url: 'http://127.0.0.1:1/a', secret: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw' }, 'config');
      await upsertWebhook(db, { id: 'batch-b', url: 'http://127.0.0.1:1/b', secret: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw' }, 'config');
      const [eventRow] = (await listEvents(db, { limit: 1 })).events;
      const to = (webhookId: string, n: number) => ({ webhookId, eventId: eventRow.id, type: 'event.updated' as const, payload: { n } });
      const batches = await createDeliveries(db, [to('batch-a', 1), to('batch-b', 2), to('batch-a', 3)]);
      expect(batches.map((batch) => batch.deliveryIds.length)).toEqual([2, 1]);
      const [a, b] = batches;
      expect((await getDeliveriesToSend(db, a.deliveryIds)).map(({ delivery, webhook }) => [delivery.payload, webhook?.id])).toEqual([[{ n: 1 }, 'batch-a'], [{ n: 3 }, 'batch-a']]);
      const pending = await listPendingDeliveryBatches(db);
      expect(pending.filter((batch) => batch.batchId === a.batchId || batch.batchId === b.batchId)).toEqual([a, b]);
      await recordAttempts(db, [
        { deliveryId: a.deliveryIds[0], statusCode: 204, error: null, durationMs: 2, succeeded: true, final: false },
        { deliveryId: a.deliveryIds[1], statusCode: 503, error: 'HTTP 503', durationMs: 4, succeeded: false, final: false },
        { deliveryId: b.deliveryIds[0], statusCode: 410, error: 'HTTP 410', durationMs: 3, succeeded: false, final: true },
      ]);
      const stored = await Promise.all([...a.deliveryIds, ...b.deliveryIds].map((id) => getDelivery(db, id)));
      expect(stored.map((delivery) => [delivery?.status, delivery?.attempts, delivery?.lastStatusCode])).toEqual([
        ['succeeded', 1, 204],
        ['pending', 1, 503],
        ['failed', 1, 410],
      ]);
      expect((await listAttempts(db, a.deliveryIds[1])).map((attempt) => [attempt.attempt, attempt.statusCode, attempt.error])).toEqual([[1, 503, 'HTTP 503']]);
      // Still pending: the rest of batch a, under the same batch (and so the same job id).
      expect((await listPendingDeliveryBatches(db)).filter((batch) => batch.batchId === a.batchId)).toEqual([{ batchId: a.batchId, deliveryIds: [a.deliveryIds[1]] }]);
      await db.query(`delete from webhooks where id in ('batch-a', 'batch-b')`);
    });

    it('reads a delivery with its endpoint in one query, and without it once the endpoint is gone', async () => {
      await upsertWebhook(db, { id: 'night', url: 'http://127.0.0.1:1/night', secret: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw', filter: { keywords: ['plan'] }, notify: { recentDays: 3 } }, 'api');
      const [eventRow] = (await listEvents(db, { limit: 1 })).events;
      const id = await createDelivery(db, { webhookId: 'night', eventId: eventRow.id, type: 'event.created', payload: { b: 2 } });
      const [toSend] = await getDeliveriesToSend(db, [id!]);
      expect(toSend?.delivery).toMatchObject({ id, webhookId: 'night', payload: { b: 2 }, status: 'pending' });
      expect(toSend?.webhook).toMatchObject({ id: 'night', url: 'http://127.0.0.1:1/night', secret: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw', filter: { keywords: ['plan'] }, notify: { recentDays: 3 }, origin: 'api' });
      expect(Number.isNaN(Date.parse(toSend!.webhook!.createdAt))).toBe(false);
      await deleteWebhook(db, 'night');
      expect(await getDeliveriesToSend(db, [id!, 'dlv_missing'])).toEqual([]);
    });
  });
}

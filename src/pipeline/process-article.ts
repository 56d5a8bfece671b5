import type { Logger } from 'pino';
import { ChronicleError } from '../errors.js';
import type { Database, Queryable } from '../store/database.js';
import { getArticleWithRaw, recordArticleFailure, recordPageCanonical, saveProcessedArticle, type ArticleRecord, type ArticleWithRaw } from '../store/article-store.js';
import { getEvents } from '../store/event-store.js';
import { createDeliveries, type DeliveryBatch, type WebhookEventType } from '../store/delivery-store.js';
import { claimEventsForStory, refreshStoryCounts, resolveStoryIds } from '../store/story-store.js';
import { listWebhooks, type WebhookRecord } from '../store/webhook-store.js';
import { isBackground, isNewDevelopment, NEWS_WINDOW_DAYS } from '../notify/new-development.js';
import { isSameSite } from '../sources/same-site.js';
import { matchesFilter } from '../notify/webhook-filter.js';
import { WEBHOOK_SOURCES, webhookPayload } from '../notify/webhook-payload.js';
import { analyzeInProcess, type Analyze, type AnalysisResult } from './analyze-article.js';
import { assignArticleStory } from './article-story.js';
import { mergeEvents, type MergeResult } from './merge-events.js';

export interface ProcessOutcome {
  status: 'processed' | 'failed' | 'skipped' | 'duplicate';
  reason?: string;
  events: number;
  createdEventIds: string[];
  updatedEventIds: string[];
  /** Deliveries recorded in the same transaction, a batch per endpoint; the caller queues them after commit. */
  deliveryBatches: DeliveryBatch[];
  /** The story the article belongs to (absent when it was not processed). */
  storyId?: string;
}

/**
 * The process stage for one stored article, as numbered steps:
 * 1. load the article and its kept raw bytes (one read), 2. decode them, 3. extract the article,
 * 4. settle its publication date, 5. extract the dated events, then in one transaction: 6. mark
 * the article a duplicate when its rel=canonical names another stored article of its site (and
 * stop there), else save the article with its revision hash, 7. put it in the story it belongs to
 * (the one it joined before, else the one it most resembles, else a new one), 8. merge each event
 * into the store (same event told again → a mention of the existing one; the article's story is
 * searched first), 9. give its new events the article's story, and 10. record webhook deliveries
 * for new developments. Re-running it on the same article adds nothing and keeps its story.
 *
 * Steps 2–5 are pure CPU work (analyze-article.ts); `analyze` runs them, in-process by default,
 * or in a worker-thread pool with a time budget (the service's), so that one hostile page never
 * holds the event loop. An analysis over its budget is recorded on the article and rethrown as
 * a permanent error: the job fails once.
 */
export interface ProcessOptions {
  /** The config's notify.recentDays: how old an event may be and still page an endpoint. */
  recentDays?: number;
  /** Runs steps 2–5; in-process by default (the service passes its thread pool's). */
  analyze?: Analyze;
  /** Step 1 when the caller has done it (the process worker, which names the URL in its log). */
  loaded?: ArticleWithRaw | null;
}

export async function processArticle(db: Database, articleId: string, logger?: Logger, options: ProcessOptions = {}): Promise<ProcessOutcome> {
  const analyze = options.analyze ?? analyzeInProcess;
  const loaded = options.loaded !== undefined ? options.loaded : await getArticleWithRaw(db, articleId);
  if (!loaded) return skipped('article not found');
  const { article, raw, fetchedUrl } = loaded;
  if (!raw) return skipped('no fetched content kept for this article');

  // The merge turn is taken now, in job order, so that articles analysed side by side still
  // merge in the order their jobs started (as one at a time did): which article first reports
  // an event decides whether it pages anyone as event.created.
  const turn = takeMergeTurn(db);
  let analysis: AnalysisResult;
  try {
    analysis = await analyze({ raw, contentType: article.contentType, url: article.url, fetchedUrl, feedPublishedAt: article.feedPublishedAt, feedTitle: article.feedTitle, fetchedAt: article.fetchedAt });
  } catch (error) {
    turn.pass();
    if (error instanceof ChronicleError && !error.retryable) {
      await recordArticleFailure(db, articleId, error.code, error.message);
      logger?.warn({ code: error.code }, `processing failed for good: ${error.message}`);
    }
    throw error;
  }
  if (analysis.kind === 'not-article') {
    turn.pass();
    await recordArticleFailure(db, articleId, analysis.code, analysis.message);
    logger?.warn({ code: analysis.code }, `not an article: ${analysis.message}`);
    return { ...skipped(analysis.message), status: 'failed' };
  }
  const { extracted, publishedAt, events } = analysis;
  if (analysis.eventsDropped > 0) logger?.warn({ kept: events.length, dropped: analysis.eventsDropped }, 'more events than one article may add; the rest were dropped');

  return turn.run(() => db.transaction(async (tx) => {
    // 6. A duplicate stops here; else the article is saved.
    const original = await markIfDuplicate(tx, article, analysis.pageCanonical, fetchedUrl);
    if (original) return { ...skipped(`the same page as article ${original}`), status: 'duplicate' as const };
    const saved = await saveProcessedArticle(tx, articleId, {
      title: extracted.title ?? article.feedTitle,
      byline: extracted.byline,
      siteName: extracted.siteName,
      lang: extracted.lang,
      publishedAt,
      publishedAtSource: extracted.publishedAt ? extracted.publishedAtSource : article.feedPublishedAt ? 'feed' : 'fetched',
      modifiedAt: extracted.modifiedAt,
      text: extracted.text,
      contentHash: analysis.contentHash,
    });
    // 7. Its story, 8. its events merged (inside the story first), 9. new events in its story.
    const { storyId } = await assignArticleStory(tx, articleId, analysis.storyProfile, saved.storyId);
    const merged = await mergeEvents(tx, articleId, events, storyId);
    await claimEventsForStory(tx, merged.storedIds, storyId);
    await refreshStoryCounts(tx, storyId);
    // 10. Webhook deliveries, once the events carry their story (a filter may name it).
    const deliveryBatches = await recordDeliveries(tx, merged, publishedAt, options.recentDays ?? NEWS_WINDOW_DAYS);
    return { status: 'processed', events: events.length, createdEventIds: merged.createdEventIds, updatedEventIds: merged.updatedEventIds, deliveryBatches, storyId };
  }));
}

/**
 * Analyses run side by side (one per thread), but the merges into one store run one at a time
 * in this process, in the order their turns were taken: two articles telling the same event at
 * once would otherwise each miss the other's uncommitted event and both create it.
 */
const lastTurn = new WeakMap<Database, Promise<void>>();

interface MergeTurn {
  /** Runs `work` once every earlier turn is over. */
  run: <T>(work: () => Promise<T>) => Promise<T>;
  /** Gives the turn up (nothing to merge); later turns go on once the earlier ones are over. */
  pass: () => void;
}

function takeMergeTurn(db: Database): MergeTurn {
  const previous = lastTurn.get(db) ?? Promise.resolve();
  let release!: () => void;
  lastTurn.set(db, new Promise<void>((resolve) => (release = resolve)));
  return {
    run: async (work) => {
      await previous;
      try {
        return await work();
      } finally {
        release();
      }
    },
    pass: () => void previous.then(release),
  };
}

/**
 * A page whose rel=canonical names an article already stored on the same site is marked a
 * duplicate of it (and not merged); a claim on another site's URL is ignored (see isSameSite).
 * The page's own site is where its bytes came from, after redirects (rows fetched before that
 * was kept: the article's URL). Returns the id of the article it duplicates.
 */
async function markIfDuplicate(tx: Queryable, article: ArticleRecord, pageCanonical: string | null, fetchedUrl: string | null): Promise<string | null> {
  if (!pageCanonical || pageCanonical === article.canonicalUrl || !isSameSite(pageCanonical, fetchedUrl ?? article.url)) return null;
  return recordPageCanonical(tx, article.id, pageCanonical);
}

function skipped(reason: string): ProcessOutcome {
  return { status: 'skipped', reason, events: 0, createdEventIds: [], updatedEventIds: [], deliveryBatches: [] };
}

/**
 * event.created for new happenings that are news, event.updated when another outlet tells one.
 * News is judged per endpoint: dated within its recency window (its own notify.recentDays, else
 * the config's) before the report, or later, and not told as background. An event that joined
 * an announced one is never created again (the store's unique index holds that too).
 */
async function recordDeliveries(
  tx: Queryable,
  merged: MergeResult,
  publishedAt: string,
  recentDays: number,
): Promise<DeliveryBatch[]> {
  const webhooks = await withLivingStories(tx, await listWebhooks(tx));
  if (webhooks.length === 0) return [];
  const isNews = (id: string, days: number) =>
    merged.merged.some((event, index) => merged.storedIds[index] === id && isNewDevelopment(event.date, publishedAt, days) && !isBackground(event, publishedAt, days));
  const deliveries: { webhookId: string; eventId: string; type: WebhookEventType; payload: unknown }[] = [];
  for (const event of await getEvents(tx, [...merged.createdEventIds, ...merged.updatedEventIds], { sourcesLimit: WEBHOOK_SOURCES })) {
    const type = merged.createdEventIds.includes(event.id) ? 'event.created' : 'event.updated';
    for (const webhook of webhooks.filter((candidate: WebhookRecord) => matchesFilter(candidate.filter, event))) {
      if (!isNews(event.id, webhook.notify.recentDays ?? recentDays)) continue;
      deliveries.push({ webhookId: webhook.id, eventId: event.id, type, payload: webhookPayload(type, event) });
    }
  }
  // One statement for the article's deliveries (one round trip, not one per event and endpoint).
  return createDeliveries(tx, deliveries);
}

/**
 * A filter naming a story that was since absorbed into another (story-store.ts removeEmptiedStory)
 * follows its article there: the story it names is read as the one it became.
 */
async function withLivingStories(tx: Queryable, webhooks: WebhookRecord[]): Promise<WebhookRecord[]> {
  const named = webhooks.flatMap((webhook) => webhook.filter.stories ?? []);
  if (named.length === 0) return webhooks;
  const living = await resolveStoryIds(tx, named);
  return webhooks.map((webhook) =>
    webhook.filter.stories?.length ? { ...webhook, filter: { ...webhook.filter, stories: webhook.filter.stories.map((id) => living.get(id) ?? id) } } : webhook,
  );
}

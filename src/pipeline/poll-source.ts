import type { Logger } from 'pino';
import { errorCode, isHostWait } from '../errors.js';
import { sourceIntervalMs } from '../config.js';
import type { Fetcher } from '../fetch/fetcher.js';
import { discoverSource } from '../sources/discover-source.js';
import { nextPollDelayMs } from '../sources/poll-backoff.js';
import type { Database } from '../store/database.js';
import { insertUnseenArticles, selectChangedArticles } from '../store/article-store.js';
import { trustedHostsOf } from './source-trust.js';
import { getSource, recordPollFailure, recordPollSuccess, type SourceRecord } from '../store/source-store.js';

export interface PollOutcome {
  status: 'polled' | 'not-modified' | 'failed' | 'skipped' | 'deferred';
  reason?: string;
  /** With `deferred`: nothing was sent (the host is blocked or busy); poll again after this. */
  retryAfterMs?: number;
  /** Articles the store had not seen: the caller queues a fetch for each. */
  newArticles: { id: string; url: string }[];
  /** Known articles the source marks as updated since we fetched them: fetched again. */
  changedArticles: { id: string; url: string }[];
  itemCount: number;
  /**
   * Unseen items left for a later poll by `maxItemsPerPoll`. While some are left, the source's
   * validators are not kept (a 304 next time would hide them) and the caller polls again soon.
   */
  itemsLeft?: number;
}


/**
 * The discover stage for one source, as numbered steps:
 * 1. load the source and its polling state; a source backing off after failures waits its turn,
 * 2. poll it (conditional GET, feed/sitemap/listing parsing, autodiscovery),
 * 3. record the items whose canonical URL the store has not seen (at most `maxItemsPerPoll`,
 *    newest first), and find the known ones the source marks as updated since we fetched them,
 * 4. only then record the outcome on the source, so that it is the true one: success resets
 *    failures and keeps the validators unless items were left for later; a failure (of the poll,
 *    or of recording its items) is kept visible with its reason and pushes the next poll back,
 *    so a dead feed is tried on a slower pace.
 */
export interface PollOptions {
  logger?: Logger;
  now?: Date;
  /** `discover.maxItemsPerPoll`: new articles taken from one poll; no cap when absent. */
  maxItemsPerPoll?: number;
}

export async function pollSource(db: Database, fetcher: Fetcher, sourceId: string, options: PollOptions = {}): Promise<PollOutcome> {
  const { logger, now = new Date() } = options;
  const source = await getSource(db, sourceId);
  if (!source) return { status: 'skipped', reason: 'source no longer exists', newArticles: [], changedArticles: [], itemCount: 0 };
  if (isBackingOff(source, now)) return { status: 'skipped', reason: `backing off until ${source.nextPollAt}`, newArticles: [], changedArticles: [], itemCount: 0 };

  const baseIntervalMs = sourceIntervalMs(source);
  const fail = async (error: unknown): Promise<PollOutcome> => {
    const reason = `${errorCode(error)}: ${(error as Error).message}`;
    const delay = nextPollDelayMs({ baseIntervalMs, consecutiveFailures: source.consecutiveFailures + 1, minIntervalMs: source.minIntervalMs, jitterRatio: 0.1 });
    const failures = await recordPollFailure(db, source.id, reason, new Date(now.getTime() + delay));
    logger?.warn({ sourceId: source.id, failures, retryInMs: delay }, `poll failed: ${reason}`);
    return { status: 'failed', reason, newArticles: [], changedArticles: [], itemCount: 0 };
  };
  let result;
  try {
    result = await discoverSource(
      { id: source.id, kind: source.kind, url: source.url, select: source.select ?? undefined, maxAge: source.maxAge ?? undefined },
      { etag: source.etag, lastModified: source.lastModified, minIntervalMs: source.minIntervalMs, feedUrl: source.resolvedUrl },
      fetcher,
      { now, trustedHosts: trustedHostsOf(source) },
    );
  } catch (error) {
    if (isHostWait(error)) {
      // Nothing was sent (the host asked us to wait, or is busy): not a failure of the source.
      const retryAfterMs = error.retryAfterMs ?? 1_000;
      return { status: 'deferred', reason: `${error.code}: ${error.message}`, retryAfterMs, newArticles: [], changedArticles: [], itemCount: 0 };
    }
    return fail(error);
  }

  let newArticles: PollOutcome['newArticles'] = [];
  let changedArticles: PollOutcome['changedArticles'] = [];
  let itemsLeft = 0;
  if (!result.notModified) {
    try {
      const cap = options.maxItemsPerPoll;
      const { inserted, unseenLeft } = await insertUnseenArticles(db, source.id, result.items, { limit: cap, onlyWhileSourceExists: true });
      newArticles = inserted;
      const budget = cap === undefined ? undefined : cap - newArticles.length;
      // One more than the budget tells whether changed articles were left for later too.
      const changed = await selectChangedArticles(db, result.items, budget === undefined ? undefined : budget + 1);
      changedArticles = budget === undefined ? changed : changed.slice(0, budget);
      itemsLeft = unseenLeft + (changed.length - changedArticles.length);
    } catch (error) {
      return fail(error);
    }
  }

  const delay = nextPollDelayMs({ baseIntervalMs, consecutiveFailures: 0, minIntervalMs: result.state.minIntervalMs, jitterRatio: 0 });
  // A capped poll keeps no validators: with them the next poll could be a 304, and the items
  // left for later would never be read.
  const capped = itemsLeft > 0;
  await recordPollSuccess(db, source.id, {
    etag: capped ? null : result.state.etag,
    lastModified: capped ? null : result.state.lastModified,
    minIntervalMs: result.state.minIntervalMs,
    resolvedUrl: result.resolvedFeedUrl ?? result.state.feedUrl ?? null,
    nextPollAt: new Date(now.getTime() + delay),
  });
  for (const warning of result.warnings ?? []) logger?.warn({ sourceId: source.id }, warning);
  if (capped) logger?.warn({ sourceId: source.id, taken: newArticles.length + changedArticles.length, left: itemsLeft }, 'more new items than discover.maxItemsPerPoll: the rest are taken on the next polls');
  if (result.notModified) return { status: 'not-modified', newArticles: [], changedArticles: [], itemCount: 0 };
  return { status: 'polled', newArticles, changedArticles, itemCount: result.items.length, ...(capped ? { itemsLeft } : {}) };
}

/** Only a failing source is held back; a healthy one polls whenever its scheduler fires. */
function isBackingOff(source: SourceRecord, now: Date): boolean {
  return source.consecutiveFailures > 0 && source.nextPollAt !== null && Date.parse(source.nextPollAt) > now.getTime();
}

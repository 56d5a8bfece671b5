import type { Queryable } from './database.js';
import { decodeCursor, encodeCursor, exactInstantSql } from './article-store.js';
import { newId } from './ids.js';
import { isoOrNull } from './source-store.js';
import { webhookOf, type WebhookRecord } from './webhook-store.js';

export type DeliveryStatus = 'pending' | 'succeeded' | 'failed';
export type WebhookEventType = 'event.created' | 'event.updated';

export interface DeliveryRecord {
  id: string;
  webhookId: string;
  eventId: string;
  type: WebhookEventType;
  payload: unknown;
  status: DeliveryStatus;
  attempts: number;
  lastStatusCode: number | null;
  lastError: string | null;
  createdAt: string;
  deliveredAt: string | null;
}

export interface DeliveryAttempt {
  attempt: number;
  attemptedAt: string;
  statusCode: number | null;
  error: string | null;
  durationMs: number;
}

const COLUMNS = 'id, webhook_id, event_id, type, payload, status, attempts, last_status_code, last_error, created_at, delivered_at';

function toRecord(row: Record<string, unknown>): DeliveryRecord {
  return {
    id: row.id as string,
    webhookId: row.webhook_id as string,
    eventId: row.event_id as string,
    type: row.type as WebhookEventType,
    payload: typeof row.payload === 'string' ? JSON.parse(row.payload) : row.payload,
    status: row.status as DeliveryStatus,
    attempts: Number(row.attempts),
    lastStatusCode: (row.last_status_code as number) ?? null,
    lastError: (row.last_error as string) ?? null,
    createdAt: isoOrNull(row.created_at) as string,
    deliveredAt: isoOrNull(row.delivered_at),
  };
}

/**
 * Records a delivery to send (the outbox): written in the same transaction as the event, so a
 * process that dies before the notify job is queued loses nothing: pending deliveries are
 * queued again at start. An `event.created` for an (endpoint, event) pair is recorded once only.
 */
export async function createDelivery(
  db: Queryable,
  delivery: { webhookId: string; eventId: string; type: WebhookEventType; payload: unknown },
): Promise<string | null> {
  const { rows } = await db.query<{ id: string }>(
    `insert into deliveries (id, webhook_id, event_id, type, payload) values ($1, $2, $3, $4, $5::jsonb)
     on conflict do nothing returning id`,
    [newId('dlv'), delivery.webhookId, delivery.eventId, delivery.type, JSON.stringify(delivery.payload)],
  );
  return rows[0]?.id ?? null;
}

/**
 * createDelivery for many at once, in one statement (the process stage records an article's
 * deliveries together). Returns the ids of those recorded, in the order given; one already
 * recorded (the same event, endpoint and type) is skipped.
 */
export async function createDeliveries(
  db: Queryable,
  deliveries: readonly { webhookId: string; eventId: string; type: WebhookEventType; payload: unknown }[],
): Promise<string[]> {
  if (deliveries.length === 0) return [];
  const ids = deliveries.map(() => newId('dlv'));
  const { rows } = await db.query<{ id: string }>(
    `insert into deliveries (id, webhook_id, event_id, type, payload)
     select id, webhook_id, event_id, type, payload::jsonb
     from unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[]) with ordinality as d(id, webhook_id, event_id, type, payload, position)
     order by position
     on conflict do nothing returning id`,
    [ids, deliveries.map((d) => d.webhookId), deliveries.map((d) => d.eventId), deliveries.map((d) => d.type), deliveries.map((d) => JSON.stringify(d.payload))],
  );
  const recorded = new Set(rows.map((row) => row.id));
  return ids.filter((id) => recorded.has(id));
}

export async function getDelivery(db: Queryable, id: string): Promise<DeliveryRecord | null> {
  const { rows } = await db.query(`select ${COLUMNS} from deliveries where id = $1`, [id]);
  return rows[0] ? toRecord(rows[0]) : null;
}

/**
 * A delivery with its endpoint, in one query (one round trip per notify job instead of two);
 * the endpoint is null when it was deleted since.
 */
export async function getDeliveryToSend(db: Queryable, id: string): Promise<{ delivery: DeliveryRecord; webhook: WebhookRecord | null } | null> {
  const { rows } = await db.query(
    `select ${COLUMNS},
       (select row_to_json(w) from (select id, url, secret, filter, origin, notify, created_at from webhooks where id = d.webhook_id) w) as webhook
     from deliveries d where d.id = $1`,
    [id],
  );
  if (!rows[0]) return null;
  const webhook = rows[0].webhook;
  return { delivery: toRecord(rows[0]), webhook: webhook ? webhookOf(typeof webhook === 'string' ? JSON.parse(webhook) : (webhook as Record<string, unknown>)) : null };
}

/** Newest first, keyset-paginated on (created_at, id) as articles are. */
export async function listDeliveries(
  db: Queryable,
  webhookId: string,
  page: { limit: number; cursor?: string } = { limit: 100 },
): Promise<{ deliveries: DeliveryRecord[]; nextCursor: string | null }> {
  const params: unknown[] = [webhookId];
  let after = '';
  if (page.cursor) {
    const [createdAt, id] = decodeCursor(page.cursor);
    after = ` and (created_at, id) < ($${params.push(createdAt)}::timestamptz, $${params.push(id)})`;
  }
  const { rows } = await db.query(
    // The cursor keeps the stored microseconds: a millisecond time would skip or repeat rows.
    `select ${COLUMNS}, ${exactInstantSql('created_at')} as cursor_at from deliveries where webhook_id = $1${after} order by created_at desc, id desc limit ${page.limit + 1}`,
    params,
  );
  const deliveries = rows.slice(0, page.limit).map(toRecord);
  const last = rows[page.limit - 1];
  const nextCursor = rows.length > page.limit && last ? encodeCursor([last.cursor_at as string, last.id as string]) : null;
  return { deliveries, nextCursor };
}

export async function listPendingDeliveryIds(db: Queryable): Promise<string[]> {
  const { rows } = await db.query<{ id: string }>(`select id from deliveries where status = 'pending' order by created_at`);
  return rows.map((row) => row.id);
}

export async function listAttempts(db: Queryable, deliveryId: string): Promise<DeliveryAttempt[]> {
  const { rows } = await db.query(
    'select attempt, attempted_at, status_code, error, duration_ms from delivery_attempts where delivery_id = $1 order by attempt',
    [deliveryId],
  );
  return rows.map((row) => ({
    attempt: Number(row.attempt),
    attemptedAt: isoOrNull(row.attempted_at) as string,
    statusCode: (row.status_code as number) ?? null,
    error: (row.error as string) ?? null,
    durationMs: Number(row.duration_ms),
  }));
}

/** Logs one attempt and moves the delivery's status; `final` marks a failure that will not be retried. */
export async function recordAttempt(
  db: Queryable,
  deliveryId: string,
  attempt: { statusCode: number | null; error: string | null; durationMs: number; succeeded: boolean; final: boolean },
): Promise<void> {
  const status: DeliveryStatus = attempt.succeeded ? 'succeeded' : attempt.final ? 'failed' : 'pending';
  // One statement (one round trip, one commit): every delivery job records one attempt.
  await db.query(
    `with counted as (
       update deliveries set attempts = attempts + 1, last_status_code = $2, last_error = $3, status = $4,
         delivered_at = case when $4 = 'succeeded' then now() else delivered_at end, updated_at = now()
       where id = $1 returning attempts
     )
     insert into delivery_attempts (delivery_id, attempt, status_code, error, duration_ms)
     select $1, attempts, $2, $3, $5 from counted on conflict do nothing`,
    [deliveryId, attempt.statusCode, attempt.error, status, Math.round(attempt.durationMs)],
  );
}

/** A replay sends the same delivery again (same webhook-id, so receivers can de-duplicate). */
export async function markForReplay(db: Queryable, deliveryId: string): Promise<boolean> {
  const { rows } = await db.query(`update deliveries set status = 'pending', updated_at = now() where id = $1 returning id`, [deliveryId]);
  return rows.length > 0;
}

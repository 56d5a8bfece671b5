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
 * The deliveries one article's processing recorded for one endpoint: the notify stage sends
 * them in one job, in this order (one queue job and two store round trips for all of them
 * instead of per delivery). `batchId` is null for a delivery recorded alone (createDelivery, or
 * before batches were kept): its job id is then the delivery's own, as it always was.
 */
export interface DeliveryBatch {
  batchId: string | null;
  deliveryIds: string[];
}

/** How many deliveries the batches hold. */
export function countDeliveries(batches: readonly DeliveryBatch[]): number {
  return batches.reduce((sum, batch) => sum + batch.deliveryIds.length, 0);
}

/**
 * createDelivery for many at once, in one statement (the process stage records an article's
 * deliveries together), grouped into one batch per endpoint. Returns the batches of those
 * recorded, in the order given; one already recorded (the same event, endpoint and type) is
 * skipped.
 */
export async function createDeliveries(
  db: Queryable,
  deliveries: readonly { webhookId: string; eventId: string; type: WebhookEventType; payload: unknown }[],
): Promise<DeliveryBatch[]> {
  if (deliveries.length === 0) return [];
  const ids = deliveries.map(() => newId('dlv'));
  const batchOf = new Map<string, string>();
  for (const { webhookId } of deliveries) if (!batchOf.has(webhookId)) batchOf.set(webhookId, newId('dlb'));
  const batchIds = deliveries.map((d) => batchOf.get(d.webhookId)!);
  const { rows } = await db.query<{ id: string }>(
    `insert into deliveries (id, webhook_id, event_id, type, payload, batch_id, batch_position)
     select id, webhook_id, event_id, type, payload::jsonb, batch_id, position
     from unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[]) with ordinality as d(id, webhook_id, event_id, type, payload, batch_id, position)
     order by position
     on conflict do nothing returning id`,
    [ids, deliveries.map((d) => d.webhookId), deliveries.map((d) => d.eventId), deliveries.map((d) => d.type), deliveries.map((d) => JSON.stringify(d.payload)), batchIds],
  );
  const recorded = new Set(rows.map((row) => row.id));
  const batches = new Map<string, string[]>();
  ids.forEach((id, index) => {
    if (!recorded.has(id)) return;
    const batch = batches.get(batchIds[index]);
    if (batch) batch.push(id);
    else batches.set(batchIds[index], [id]);
  });
  return [...batches].map(([batchId, deliveryIds]) => ({ batchId, deliveryIds }));
}

export async function getDelivery(db: Queryable, id: string): Promise<DeliveryRecord | null> {
  const { rows } = await db.query(`select ${COLUMNS} from deliveries where id = $1`, [id]);
  return rows[0] ? toRecord(rows[0]) : null;
}

export interface DeliveryToSend {
  delivery: DeliveryRecord;
  /** Null when the endpoint was deleted since. */
  webhook: WebhookRecord | null;
}

/**
 * Deliveries with their endpoints, in one query (one round trip per notify job, however many
 * deliveries it sends), in the order of `ids`; ids with no delivery are left out.
 */
export async function getDeliveriesToSend(db: Queryable, ids: readonly string[]): Promise<DeliveryToSend[]> {
  const { rows } = await db.query(
    `select ${COLUMNS},
       (select row_to_json(w) from (select id, url, secret, filter, origin, notify, created_at from webhooks where id = d.webhook_id) w) as webhook
     from deliveries d where d.id = any($1::text[])`,
    [ids],
  );
  const byId = new Map(rows.map((row) => [row.id as string, row]));
  return ids.flatMap((id) => {
    const row = byId.get(id);
    if (!row) return [];
    const webhook = row.webhook;
    return [{ delivery: toRecord(row), webhook: webhook ? webhookOf(typeof webhook === 'string' ? JSON.parse(webhook) : (webhook as Record<string, unknown>)) : null }];
  });
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

/**
 * Pending deliveries as the batches they were recorded in (oldest first; a batch lists only its
 * pending deliveries), so that queuing them again at start reuses the job ids they were queued
 * under: a job still queued is not added twice.
 */
export async function listPendingDeliveryBatches(db: Queryable): Promise<DeliveryBatch[]> {
  const { rows } = await db.query<{ id: string; batch_id: string | null }>(`select id, batch_id from deliveries where status = 'pending' order by created_at, batch_position, id`);
  const batches = new Map<string, DeliveryBatch>();
  for (const row of rows) {
    const key = row.batch_id ?? `single:${row.id}`;
    const batch = batches.get(key) ?? { batchId: row.batch_id, deliveryIds: [] };
    batch.deliveryIds.push(row.id);
    batches.set(key, batch);
  }
  return [...batches.values()];
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

export interface AttemptOutcome {
  statusCode: number | null;
  error: string | null;
  durationMs: number;
  succeeded: boolean;
  /** A failure that will not be retried. */
  final: boolean;
}

/** Logs one attempt and moves the delivery's status. */
export async function recordAttempt(db: Queryable, deliveryId: string, attempt: AttemptOutcome): Promise<void> {
  await recordAttempts(db, [{ deliveryId, ...attempt }]);
}

/**
 * Logs one attempt of each delivery given and moves their statuses, in one statement (one round
 * trip and one commit for a notify job's whole batch).
 */
export async function recordAttempts(db: Queryable, attempts: readonly ({ deliveryId: string } & AttemptOutcome)[]): Promise<void> {
  if (attempts.length === 0) return;
  const status = (attempt: AttemptOutcome): DeliveryStatus => (attempt.succeeded ? 'succeeded' : attempt.final ? 'failed' : 'pending');
  await db.query(
    `with given as (
       select * from unnest($1::text[], $2::int[], $3::text[], $4::text[], $5::int[]) as g(id, status_code, error, status, duration_ms)
     ),
     counted as (
       update deliveries d set attempts = d.attempts + 1, last_status_code = g.status_code, last_error = g.error, status = g.status,
         delivered_at = case when g.status = 'succeeded' then now() else d.delivered_at end, updated_at = now()
       from given g where d.id = g.id
       returning d.id, d.attempts
     )
     insert into delivery_attempts (delivery_id, attempt, status_code, error, duration_ms)
     select c.id, c.attempts, g.status_code, g.error, g.duration_ms from counted c join given g on g.id = c.id on conflict do nothing`,
    [
      attempts.map((a) => a.deliveryId),
      attempts.map((a) => a.statusCode),
      attempts.map((a) => a.error),
      attempts.map(status),
      attempts.map((a) => Math.round(a.durationMs)),
    ],
  );
}

/** A replay sends the same delivery again (same webhook-id, so receivers can de-duplicate). */
export async function markForReplay(db: Queryable, deliveryId: string): Promise<boolean> {
  const { rows } = await db.query(`update deliveries set status = 'pending', updated_at = now() where id = $1 returning id`, [deliveryId]);
  return rows.length > 0;
}

import type { Queryable } from './database.js';
import { isoOrNull } from './source-store.js';

export interface WebhookFilter {
  keywords?: string[];
  /** Source ids: events some article of one of them reports. */
  sources?: string[];
  modalities?: string[];
  /** Story ids (GET /v1/stories): events of one of these stories. */
  stories?: string[];
}

/** An endpoint's own notify settings; absent keys follow the config's notify. */
export interface WebhookNotify {
  recentDays?: number;
}

export interface WebhookRecord {
  id: string;
  url: string;
  secret: string;
  filter: WebhookFilter;
  notify: WebhookNotify;
  origin: 'config' | 'api';
  createdAt: string;
}

export interface WebhookInput {
  id: string;
  url: string;
  secret: string;
  filter?: WebhookFilter;
  notify?: WebhookNotify;
}

/** A webhooks row (or its JSON, as a join gives it) as the record. */
export function webhookOf(row: Record<string, unknown>): WebhookRecord {
  const filter = typeof row.filter === 'string' ? JSON.parse(row.filter) : row.filter;
  return {
    id: row.id as string,
    url: row.url as string,
    secret: row.secret as string,
    filter: (filter as WebhookFilter) ?? {},
    notify: ((typeof row.notify === 'string' ? JSON.parse(row.notify) : row.notify) as WebhookNotify) ?? {},
    origin: row.origin as WebhookRecord['origin'],
    createdAt: isoOrNull(row.created_at) as string,
  };
}

export async function upsertWebhook(db: Queryable, webhook: WebhookInput, origin: 'config' | 'api'): Promise<WebhookRecord> {
  const { rows } = await db.query(
    `insert into webhooks (id, url, secret, filter, origin, notify) values ($1, $2, $3, $4::jsonb, $5, $6::jsonb)
     on conflict (id) do update set url = excluded.url, secret = excluded.secret, filter = excluded.filter, origin = excluded.origin, notify = excluded.notify
     returning id, url, secret, filter, origin, notify, created_at`,
    [webhook.id, webhook.url, webhook.secret, JSON.stringify(webhook.filter ?? {}), origin, JSON.stringify(webhook.notify ?? {})],
  );
  return webhookOf(rows[0]);
}

/** Config-origin endpoints follow the config file; API-created ones are left alone. */
export async function syncConfigWebhooks(db: Queryable, webhooks: readonly WebhookInput[]): Promise<void> {
  for (const webhook of webhooks) await upsertWebhook(db, webhook, 'config');
  await db.query(`delete from webhooks where origin = 'config' and not (id = any($1::text[]))`, [webhooks.map((webhook) => webhook.id)]);
}

export async function listWebhooks(db: Queryable): Promise<WebhookRecord[]> {
  const { rows } = await db.query('select id, url, secret, filter, origin, notify, created_at from webhooks order by id');
  return rows.map(webhookOf);
}

export async function getWebhook(db: Queryable, id: string): Promise<WebhookRecord | null> {
  const { rows } = await db.query('select id, url, secret, filter, origin, notify, created_at from webhooks where id = $1', [id]);
  return rows[0] ? webhookOf(rows[0]) : null;
}

export async function deleteWebhook(db: Queryable, id: string): Promise<boolean> {
  const { rows } = await db.query('delete from webhooks where id = $1 returning id', [id]);
  return rows.length > 0;
}

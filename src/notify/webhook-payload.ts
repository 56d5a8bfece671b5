import type { PublicEvent } from '../store/event-store.js';
import type { WebhookEventType } from '../store/delivery-store.js';

/** The body every endpoint receives (design.md "Webhooks"). */
export interface WebhookPayload {
  type: WebhookEventType;
  timestamp: string;
  data: PublicEvent;
}

/**
 * Sources a webhook's event carries at most: the first article that told it and the latest
 * ones (sourceCount says how many there are; GET /v1/events/:id lists them all). Every telling
 * of an event sends an event.updated, and with every source in it the payloads of an event told
 * a hundred times grew with each telling: the process stage's cost per article grew with the store.
 */
export const WEBHOOK_SOURCES = 20;

export function webhookPayload(type: WebhookEventType, event: PublicEvent, now = new Date()): WebhookPayload {
  return { type, timestamp: now.toISOString(), data: event };
}

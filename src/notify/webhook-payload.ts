import type { PublicEvent } from '../store/event-store.js';
import type { WebhookEventType } from '../store/delivery-store.js';

/** The body every endpoint receives (design.md "Webhooks"). */
export interface WebhookPayload {
  type: WebhookEventType;
  timestamp: string;
  data: PublicEvent;
}

export function webhookPayload(type: WebhookEventType, event: PublicEvent, now = new Date()): WebhookPayload {
  return { type, timestamp: now.toISOString(), data: event };
}

import { request } from 'undici';
import { Webhook } from 'standardwebhooks';
import { DeliveryError } from '../errors.js';

export interface DeliveryTarget {
  url: string;
  secret: string;
}

export interface DeliveryResult {
  statusCode: number;
  durationMs: number;
}

/** Standard Webhooks asks receivers to answer fast; a slow endpoint is retried, not waited on. */
export const DELIVERY_TIMEOUT_MS = 15_000;

/**
 * Signs and POSTs one message (Standard Webhooks: `webhook-id`, `webhook-timestamp`,
 * `webhook-signature` = `v1,<base64 HMAC-SHA256>`). The message id is the delivery id, the
 * same on every retry and replay, so receivers can drop repeats. A 2xx answer succeeds;
 * anything else throws DeliveryError with the status.
 */
export async function deliverWebhook(target: DeliveryTarget, messageId: string, body: string, now = new Date()): Promise<DeliveryResult> {
  const signature = new Webhook(target.secret).sign(messageId, now, body);
  const started = performance.now();
  let statusCode: number;
  try {
    const response = await request(target.url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'user-agent': 'chronicle-webhooks/1.0',
        'webhook-id': messageId,
        'webhook-timestamp': String(Math.floor(now.getTime() / 1000)),
        'webhook-signature': signature,
      },
      body,
      headersTimeout: DELIVERY_TIMEOUT_MS,
      bodyTimeout: DELIVERY_TIMEOUT_MS,
    });
    statusCode = response.statusCode;
    await response.body.dump();
  } catch (error) {
    throw new DeliveryError(`${target.url}: ${(error as Error).message}`, { cause: error });
  }
  const durationMs = performance.now() - started;
  if (statusCode < 200 || statusCode >= 300) throw new DeliveryError(`${target.url}: answered HTTP ${statusCode}`, { statusCode });
  return { statusCode, durationMs };
}

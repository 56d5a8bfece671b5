import { Agent, request, type Dispatcher } from 'undici';
import { Webhook } from 'standardwebhooks';
import { DeliveryError } from '../errors.js';
import { publicOnlyAgent } from '../fetch/index.js';

export interface DeliveryTarget {
  url: string;
  secret: string;
  /** Config-file endpoints are the operator's own; API-created ones must be public (see WebhookClient). */
  origin: 'config' | 'api';
}

export interface DeliveryResult {
  statusCode: number;
  durationMs: number;
}

/** Standard Webhooks asks receivers to answer fast; a slow endpoint is retried, not waited on. */
export const DELIVERY_TIMEOUT_MS = 15_000;

/**
 * Sends webhooks with the same address policy as the Fetcher: an endpoint created through the
 * API was checked when it was created, but its name may resolve elsewhere by the time an event
 * fires (DNS rebinding), so its connections go through `publicOnlyAgent` and a refusal is
 * checked at connect time, before anything is sent. Config-file endpoints, and every endpoint
 * under `security.allowPrivateNetworks: true`, use a plain Agent. Never undici's global
 * dispatcher: its pool would be shared with whatever else the process sends.
 */
export class WebhookClient {
  private readonly trusted: Agent;
  private readonly publicOnly: Agent;

  /** `allowPrivateNetworks` is required so that no client is built without deciding. */
  constructor(private readonly options: { allowPrivateNetworks: boolean }) {
    const timeouts = { headersTimeout: DELIVERY_TIMEOUT_MS, bodyTimeout: DELIVERY_TIMEOUT_MS };
    this.trusted = new Agent({ connect: { timeout: DELIVERY_TIMEOUT_MS }, ...timeouts });
    this.publicOnly = publicOnlyAgent({ connectTimeoutMs: DELIVERY_TIMEOUT_MS, ...timeouts });
  }

  deliver(target: DeliveryTarget, messageId: string, body: string, now = new Date()): Promise<DeliveryResult> {
    const dispatcher = target.origin === 'config' || this.options.allowPrivateNetworks ? this.trusted : this.publicOnly;
    return deliverWebhook(target, messageId, body, dispatcher, now);
  }

  async close(): Promise<void> {
    await Promise.all([this.trusted.close(), this.publicOnly.close()]);
  }
}

/**
 * Signs and POSTs one message (Standard Webhooks: `webhook-id`, `webhook-timestamp`,
 * `webhook-signature` = `v1,<base64 HMAC-SHA256>`). The message id is the delivery id, the
 * same on every retry and replay, so receivers can drop repeats. A 2xx answer succeeds;
 * anything else throws DeliveryError with the status. A refused address (PRIVATE_NETWORK) throws
 * DeliveryError without one: nothing was sent, and no internal status may reach the delivery log.
 */
async function deliverWebhook(target: DeliveryTarget, messageId: string, body: string, dispatcher: Dispatcher, now: Date): Promise<DeliveryResult> {
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
      dispatcher,
      headersTimeout: DELIVERY_TIMEOUT_MS,
      bodyTimeout: DELIVERY_TIMEOUT_MS,
    });
    statusCode = response.statusCode;
    await response.body.dump();
  } catch (error) {
    const code = (error as { code?: string }).code;
    throw new DeliveryError(`${target.url}: ${code === 'PRIVATE_NETWORK' ? 'PRIVATE_NETWORK: refused, ' : ''}${(error as Error).message}`, { cause: error });
  }
  const durationMs = performance.now() - started;
  if (statusCode < 200 || statusCode >= 300) throw new DeliveryError(`${target.url}: answered HTTP ${statusCode}`, { statusCode });
  return { statusCode, durationMs };
}

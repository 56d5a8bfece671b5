import { createServer, type Server } from 'node:http';
import { Webhook } from 'standardwebhooks';

export interface ReceivedWebhook {
  headers: Record<string, string>;
  body: string;
  verified: boolean;
  /** When the request's body had arrived (ms since the epoch): the end of a delivery's latency. */
  receivedAt: number;
  payload: { type: string; timestamp: string; data: { id: string; date: string; sources: { publishedAt: string | null }[] } };
}

export interface WebhookReceiver {
  url: string;
  received: ReceivedWebhook[];
  /** Answer the next N requests with this status (to exercise retries). */
  failNext: (count: number, status?: number) => void;
  /** Answer the first request carrying this webhook-id with this status (one of a batch). */
  failOnce: (webhookId: string, status?: number) => void;
  /** Stops listening (connections refused, open ones cut) until `comeBack()`, on the same port. */
  goDown: () => Promise<void>;
  comeBack: () => Promise<void>;
  close: () => Promise<void>;
}

/** A webhook endpoint on 127.0.0.1 that verifies every request with the standardwebhooks package. */
export async function startWebhookReceiver(secret: string): Promise<WebhookReceiver> {
  const received: ReceivedWebhook[] = [];
  const verifier = new Webhook(secret);
  let failures = 0;
  let failureStatus = 500;
  const failOnce = new Map<string, number>();
  const server: Server = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk) => (body += chunk));
    request.on('end', () => {
      if (failures > 0) {
        failures -= 1;
        return void response.writeHead(failureStatus).end();
      }
      const once = failOnce.get(String(request.headers['webhook-id']));
      if (once) {
        failOnce.delete(String(request.headers['webhook-id']));
        return void response.writeHead(once).end();
      }
      const headers = Object.fromEntries(Object.entries(request.headers).map(([key, value]) => [key, String(value)]));
      let verified = false;
      try {
        verifier.verify(body, headers);
        verified = true;
      } catch {
        verified = false;
      }
      received.push({ headers, body, verified, receivedAt: Date.now(), payload: JSON.parse(body) });
      response.writeHead(204).end();
    });
  });
  // Node's 5 s keep-alive timeout races the sender's reuse of an idle connection on a loaded
  // machine ("other side closed" and a retry); receivers behind nginx keep them 75 s.
  server.keepAliveTimeout = 65_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  const stopListening = () =>
    new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    });
  return {
    url: `http://127.0.0.1:${port}/hook`,
    received,
    failNext: (count, status = 500) => {
      failures = count;
      failureStatus = status;
    },
    failOnce: (webhookId, status = 500) => void failOnce.set(webhookId, status),
    goDown: stopListening,
    comeBack: () => new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve)),
    close: () => (server.listening ? stopListening() : Promise.resolve()),
  };
}

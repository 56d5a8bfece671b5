import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A local HTTP server that misbehaves on purpose, one handler per path, and remembers every
 * request it received (path, headers, arrival time) so tests can assert what was — and was
 * not — sent to it. Unknown paths (robots.txt included) answer 404.
 */
export interface SeenRequest {
  path: string;
  headers: IncomingMessage['headers'];
  /** Arrival time, ms since the epoch with sub-ms precision. */
  at: number;
}

export type Handler = (request: IncomingMessage, response: ServerResponse, seen: SeenRequest) => void | Promise<void>;

export interface TestServer {
  /** `http://127.0.0.1:<port>` */
  origin: string;
  host: string;
  requests: SeenRequest[];
  route(path: string, handler: Handler): void;
  /** Requests to one path (query string included in `path`). */
  seen(path: string): SeenRequest[];
  inFlight: { now: number; max: number };
  close(): Promise<void>;
}

export async function startMisbehavingServer(routes: Record<string, Handler> = {}): Promise<TestServer> {
  const handlers = new Map(Object.entries(routes));
  const requests: SeenRequest[] = [];
  const inFlight = { now: 0, max: 0 };
  const server: Server = createServer((request, response) => {
    const seen: SeenRequest = { path: request.url ?? '/', headers: request.headers, at: performance.timeOrigin + performance.now() };
    requests.push(seen);
    inFlight.now += 1;
    inFlight.max = Math.max(inFlight.max, inFlight.now);
    response.once('close', () => (inFlight.now -= 1));
    const handler = handlers.get(seen.path) ?? handlers.get(seen.path.split('?')[0]);
    if (!handler) {
      response.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
      return;
    }
    Promise.resolve(handler(request, response, seen)).catch((error: unknown) => {
      if (!response.headersSent) response.writeHead(500);
      response.end(String(error));
    });
  });
  server.keepAliveTimeout = 1000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    host: `127.0.0.1:${port}`,
    requests,
    inFlight,
    route: (path, handler) => handlers.set(path, handler),
    seen: (path) => requests.filter((request) => request.path === path),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** A handler that answers `body` with `status` and headers. */
export function respond(status: number, body: string | Buffer, headers: Record<string, string> = {}): Handler {
  return (_request, response) => {
    response.writeHead(status, { 'content-type': 'text/html; charset=utf-8', ...headers });
    response.end(body);
  };
}

/** True when no window of `windowMs` holds more than `limit` of the times. */
export function maxInAnyWindow(times: number[], windowMs: number): number {
  const sorted = [...times].sort((a, b) => a - b);
  let best = 0;
  let start = 0;
  for (let end = 0; end < sorted.length; end += 1) {
    while (sorted[end] - sorted[start] >= windowMs) start += 1;
    best = Math.max(best, end - start + 1);
  }
  return best;
}

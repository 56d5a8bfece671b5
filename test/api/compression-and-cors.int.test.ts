import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { request } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COMPRESSION_THRESHOLD_BYTES } from '../../src/api/compression.js';
import { auth, seedArticle, seedEvent, startApi, type ApiHarness } from './api-harness.js';

/**
 * Compression and CORS over a real socket on 127.0.0.1: undici's `request` hands back the bytes
 * as sent (fetch would decode them), so the test sees what a client receives.
 */

let api: ApiHarness;
let plain: string;
let withCors: string;
const DESK = 'https://desk.example';

interface Raw {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  bytes: Buffer;
}

async function get(base: string, path: string, headers: Record<string, string> = {}, method: 'GET' | 'OPTIONS' | 'POST' = 'GET'): Promise<Raw> {
  const response = await request(`${base}${path}`, { method, headers });
  return { status: response.statusCode, headers: response.headers, bytes: Buffer.from(await response.body.arrayBuffer()) };
}

function decode(raw: Raw): string {
  const encoding = raw.headers['content-encoding'];
  if (encoding === 'br') return brotliDecompressSync(raw.bytes).toString('utf8');
  if (encoding === 'gzip') return gunzipSync(raw.bytes).toString('utf8');
  if (encoding === undefined) return raw.bytes.toString('utf8');
  throw new Error(`unexpected content-encoding ${String(encoding)}`);
}

function varyOf(raw: Raw): string[] {
  return String(raw.headers.vary ?? '')
    .split(',')
    .map((name) => name.trim().toLowerCase())
    .filter(Boolean);
}

beforeAll(async () => {
  api = await startApi();
  // Enough events and articles that a page of them is well above the threshold; one article URL
  // carries credentials, which the API masks in every body (mask-credentials.ts).
  for (let index = 0; index < 12; index += 1) {
    const article = await seedArticle(api.db, 'wire', index === 0 ? 'reader:hunter2secret@example.org' : 'example.org');
    await seedEvent(api.db, article.id, `2025-11-${String(10 + index).padStart(2, '0')}`, `Delegations met in Geneva for round ${index} of the talks`);
  }
  plain = await api.app.listen({ port: 0, host: '127.0.0.1' });
  withCors = await (await api.buildWith({ corsOrigins: [DESK, 'http://127.0.0.1:3000'] })).listen({ port: 0, host: '127.0.0.1' });
});

afterAll(async () => {
  await api?.close();
});

describe('compression', () => {
  it('compresses JSON with gzip or brotli as asked; the body decodes to the same JSON', async () => {
    const identity = await get(plain, '/v1/events?limit=100', auth);
    expect(identity.status).toBe(200);
    expect(identity.headers['content-encoding']).toBeUndefined();
    expect(identity.bytes.length).toBeGreaterThan(COMPRESSION_THRESHOLD_BYTES);
    const expected = JSON.parse(identity.bytes.toString('utf8'));
    expect(expected.events).toHaveLength(12);

    for (const [acceptEncoding, chosen] of [
      ['gzip', 'gzip'],
      ['br', 'br'],
      ['gzip, deflate, br', 'br'],
      ['br;q=0.5, gzip', 'gzip'],
      ['deflate', undefined],
      ['identity', undefined],
    ] as const) {
      const raw = await get(plain, '/v1/events?limit=100', { ...auth, 'accept-encoding': acceptEncoding });
      expect(raw.status, acceptEncoding).toBe(200);
      expect(raw.headers['content-encoding'], acceptEncoding).toBe(chosen);
      if (chosen) {
        expect(varyOf(raw), acceptEncoding).toContain('accept-encoding');
        expect(raw.bytes.length).toBeLessThan(identity.bytes.length);
      }
      expect(JSON.parse(decode(raw)), acceptEncoding).toEqual(expected);
    }
  });

  it('compresses the timeline page, the Atom and JSON feeds and the OpenAPI document', async () => {
    for (const [path, type] of [
      ['/', 'text/html'],
      ['/v1/events.atom', 'application/atom+xml'],
      ['/v1/events.json', 'application/feed+json'],
      ['/docs/json', 'application/json'],
    ] as const) {
      const identity = await get(plain, path, auth);
      const raw = await get(plain, path, { ...auth, 'accept-encoding': 'gzip' });
      expect(raw.status, path).toBe(200);
      expect(String(raw.headers['content-type']), path).toContain(type);
      expect(raw.headers['content-encoding'], path).toBe('gzip');
      expect(varyOf(raw), path).toContain('accept-encoding');
      const body = decode(raw);
      expect(body.length, path).toBeGreaterThan(COMPRESSION_THRESHOLD_BYTES);
      // The page and the feeds carry request-independent content only, so the two answers match.
      expect(body, path).toBe(identity.bytes.toString('utf8'));
    }
  });

  it('sends bodies under the threshold as they are', async () => {
    for (const path of ['/healthz', '/v1/sources', '/v1/nothing']) {
      const raw = await get(plain, path, { ...auth, 'accept-encoding': 'gzip, br' });
      expect(raw.bytes.length, path).toBeLessThan(COMPRESSION_THRESHOLD_BYTES);
      expect(raw.headers['content-encoding'], path).toBeUndefined();
      expect(() => JSON.parse(raw.bytes.toString('utf8')), path).not.toThrow();
    }
  });

  it('masks URL credentials before compressing', async () => {
    const raw = await get(plain, '/v1/articles?limit=100', { ...auth, 'accept-encoding': 'gzip' });
    expect(raw.headers['content-encoding']).toBe('gzip');
    const body = decode(raw);
    expect(body).toContain('reader:***@example.org');
    expect(body).not.toContain('hunter2secret');
  });
});

describe('CORS', () => {
  const preflight = (origin: string) => ({
    origin,
    'access-control-request-method': 'GET',
    'access-control-request-headers': 'authorization',
  });

  it('is off by default: no Access-Control header for any origin, and no preflight answered', async () => {
    const read = await get(plain, '/v1/events', { ...auth, origin: DESK });
    expect(read.status).toBe(200);
    expect(Object.keys(read.headers).filter((name) => name.startsWith('access-control-'))).toEqual([]);
    const options = await get(plain, '/v1/events', preflight(DESK), 'OPTIONS');
    expect(options.status).toBe(401);
    expect(Object.keys(options.headers).filter((name) => name.startsWith('access-control-'))).toEqual([]);
  });

  it('answers the preflight of a listed origin with the methods and headers the API takes', async () => {
    const options = await get(withCors, '/v1/events', preflight(DESK), 'OPTIONS');
    expect(options.status).toBe(204);
    expect(options.headers['access-control-allow-origin']).toBe(DESK);
    expect(String(options.headers['access-control-allow-methods'])).toMatch(/\bGET\b.*\bPOST\b.*\bDELETE\b/);
    expect(String(options.headers['access-control-allow-headers']).toLowerCase().split(/,\s*/)).toEqual(['authorization', 'content-type']);
    expect(Number(options.headers['access-control-max-age'])).toBeGreaterThan(0);
    expect(varyOf(options)).toContain('origin');
    // The second listed origin, with its port.
    const local = await get(withCors, '/v1/sources', preflight('http://127.0.0.1:3000'), 'OPTIONS');
    expect(local.status).toBe(204);
    expect(local.headers['access-control-allow-origin']).toBe('http://127.0.0.1:3000');
  });

  it('lets a listed origin read answers (errors too) with the token, never with credentials', async () => {
    const read = await get(withCors, '/v1/events?limit=100', { ...auth, origin: DESK, 'accept-encoding': 'gzip' });
    expect(read.status).toBe(200);
    expect(read.headers['access-control-allow-origin']).toBe(DESK);
    expect(read.headers['access-control-allow-credentials']).toBeUndefined();
    expect(varyOf(read)).toEqual(expect.arrayContaining(['origin', 'accept-encoding']));
    expect(JSON.parse(decode(read)).events).toHaveLength(12);
    const refused = await get(withCors, '/v1/events', { origin: DESK });
    expect(refused.status).toBe(401);
    expect(refused.headers['access-control-allow-origin']).toBe(DESK);
    const feed = await get(withCors, '/v1/events.atom', { ...auth, origin: DESK });
    expect(feed.headers['access-control-allow-origin']).toBe(DESK);
  });

  it('gives an unlisted origin, a near miss or no origin nothing', async () => {
    for (const origin of ['https://evil.example', 'https://desk.example.evil.example', 'http://desk.example', 'https://desk.example:8443', 'null']) {
      const read = await get(withCors, '/v1/events', { ...auth, origin });
      expect(read.status, origin).toBe(200);
      expect(read.headers['access-control-allow-origin'], origin).toBeUndefined();
      const options = await get(withCors, '/v1/events', preflight(origin), 'OPTIONS');
      expect(options.status, origin).toBe(401);
      expect(options.headers['access-control-allow-origin'], origin).toBeUndefined();
      expect(options.headers['access-control-allow-methods'], origin).toBeUndefined();
    }
    const sameOrigin = await get(withCors, '/v1/events', auth);
    expect(sameOrigin.headers['access-control-allow-origin']).toBeUndefined();
  });

  it('never opens the cookie pages (timeline, sign-in, Bull Board) to another origin', async () => {
    for (const path of ['/', '/sign-in', '/timeline/new', '/timeline.js', '/admin/queues', '/docs/json']) {
      const read = await get(withCors, path, { ...auth, origin: DESK });
      expect(read.headers['access-control-allow-origin'], path).toBeUndefined();
      const options = await get(withCors, path, preflight(DESK), 'OPTIONS');
      expect(options.headers['access-control-allow-origin'], path).toBeUndefined();
    }
    const signIn = await get(withCors, '/sign-in', { origin: DESK, 'content-type': 'application/x-www-form-urlencoded' }, 'POST');
    expect(signIn.headers['access-control-allow-origin']).toBeUndefined();
  });
});

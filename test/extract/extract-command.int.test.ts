import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runExtract } from '../../src/commands/extract.js';

const page = readFileSync(
  path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../fixtures/pages/seed-003-trtworld/page.html'),
);

let server: Server;
let base: string;

beforeAll(async () => {
  server = createServer((req, res) => {
    if (req.url === '/redirect') {
      res.writeHead(301, { location: '/page' }).end();
    } else if (req.url === '/page') {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(page);
    } else if (req.url === '/big') {
      // 12 MB, over the 10 MB cap.
      res.writeHead(200, { 'content-type': 'text/html' });
      const chunk = Buffer.alloc(1 << 20, 'a');
      let sent = 0;
      const pump = () => {
        while (sent < 12) {
          sent++;
          if (!res.write(chunk)) return void res.once('drain', pump);
        }
        res.end();
      };
      pump();
    } else {
      res.writeHead(404).end('not found');
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

async function run(argv: string[]) {
  const stdout = new PassThrough();
  let out = '';
  stdout.on('data', (d) => (out += d));
  const code = await runExtract(argv, { stdin: new PassThrough(), stdout, stderr: new PassThrough(), isTTY: false });
  return { code, lines: out.split('\n').filter(Boolean).map((l) => JSON.parse(l) as Record<string, unknown>) };
}

describe('chronicle extract <url>', () => {
  it('fetches, follows redirects, and reports HTTP errors and oversized bodies per input', async () => {
    const r = await run([`${base}/redirect`, `${base}/missing`, `${base}/big`]);
    // Two inputs failed: exit 1, as `events` does.
    expect(r.code).toBe(1);
    expect(r.lines[0]).toMatchObject({
      input: `${base}/redirect`,
      title: "Ukraine's top security official denies approving Trump's peace plan",
      publishedAt: '2025-11-21',
    });
    expect(r.lines[1]).toEqual({ input: `${base}/missing`, error: 'HTTP 404' });
    expect(r.lines[2]).toEqual({ input: `${base}/big`, error: expect.stringContaining('larger than') });
  });
});

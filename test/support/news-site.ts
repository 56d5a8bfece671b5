import { createServer, type IncomingMessage, type Server } from 'node:http';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT } from './cli.js';

export interface SeedPage {
  slug: string;
  /** Path the page is served at (from its expected.json URL, so URL-borne dates survive). */
  path: string;
  html: string;
  title: string;
  publishedAt: string;
}

export function loadSeedPages(): SeedPage[] {
  const root = join(REPO_ROOT, 'test', 'fixtures', 'pages');
  return readdirSync(root)
    .filter((slug) => slug.startsWith('seed-'))
    .sort()
    .map((slug) => {
      const expected = JSON.parse(readFileSync(join(root, slug, 'expected.json'), 'utf8'));
      return { slug, path: new URL(expected.url).pathname, html: readFileSync(join(root, slug, 'page.html'), 'utf8'), title: expected.title, publishedAt: expected.publishedAt };
    });
}

function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

export function rssFeed(base: string, pages: SeedPage[]): string {
  const items = pages
    .map(
      (page) => `<item><title>${escapeXml(page.title)}</title><link>${base}${page.path}?utm_source=rss&amp;utm_medium=feed</link>
<guid isPermaLink="false">${page.slug}</guid><pubDate>${new Date(page.publishedAt).toUTCString()}</pubDate></item>`,
    )
    .join('\n');
  return `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>World news</title><link>${base}/</link><description>Latest</description>
${items}
</channel></rss>`;
}

export function atomFeed(base: string, pages: SeedPage[]): string {
  const entries = pages
    .map(
      (page) => `<entry><title>${escapeXml(page.title)}</title><link rel="alternate" href="${base}${page.path}#comments"/>
<id>urn:chronicle-test:${page.slug}</id><updated>${new Date(page.publishedAt).toISOString()}</updated></entry>`,
    )
    .join('\n');
  return `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Europe</title><id>urn:chronicle-test:europe</id>
<updated>2026-02-07T00:00:00Z</updated>
${entries}
</feed>`;
}

export interface NewsSite {
  base: string;
  server: Server;
  requests: { path: string; at: number }[];
  close: () => Promise<void>;
}

/** Serves the seed pages like a news site: an RSS feed, an Atom feed and the article pages. */
export async function startNewsSite(pages: SeedPage[], split = 3): Promise<NewsSite> {
  const requests: { path: string; at: number }[] = [];
  let base = '';
  const server = createServer((request: IncomingMessage, response) => {
    const path = new URL(request.url ?? '/', 'http://x').pathname;
    requests.push({ path, at: Date.now() });
    if (path === '/robots.txt') return void response.writeHead(200, { 'content-type': 'text/plain' }).end('User-agent: *\nAllow: /\n');
    if (path === '/rss.xml') return void response.writeHead(200, { 'content-type': 'application/rss+xml' }).end(rssFeed(base, pages.slice(0, split)));
    if (path === '/atom.xml') return void response.writeHead(200, { 'content-type': 'application/atom+xml' }).end(atomFeed(base, pages.slice(split)));
    const page = pages.find((candidate) => candidate.path === path);
    if (page) return void response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(page.html);
    response.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  return { base, server, requests, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

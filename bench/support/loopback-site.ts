import { createHash } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import { rssFeed, type SeedPage } from '../../test/support/news-site.js';

/**
 * A news site spread over several loopback hosts (127.0.0.2, 127.0.0.3, …: politeness is per
 * host), each with an RSS feed of its published pages, robots.txt and the pages themselves.
 * Feeds answer conditional GETs (ETag) as news sites do, so that an unchanged feed costs a 304.
 * It records when a feed first listed each page: the start of the poll → webhook latency.
 */
export interface LoopbackPage {
  host: number;
  path: string;
  title: string;
  /** Built once its host's address is known (the markup names its own URL). */
  html: (url: string) => string;
}

export interface LoopbackSite {
  /** `http://127.0.0.N:PORT` of each host. */
  bases: string[];
  feedUrl: (host: number) => string;
  pageUrl: (page: Pick<LoopbackPage, 'host' | 'path'>) => string;
  /** Adds pages to their hosts' feeds (newest first) and serves them from now on. */
  publish: (pages: readonly LoopbackPage[]) => void;
  /** Forgets every page and feed listing (between runs of one benchmark invocation). */
  reset: () => void;
  /** When a feed response first listed this page URL (ms since the epoch). */
  firstListedAt: (url: string) => number | undefined;
  /** The first feed response that listed any page, or undefined. */
  firstListingAt: () => number | undefined;
  /** Page bodies served (200), and feed requests answered (200 or 304). */
  counts: () => { pages: number; feeds: number };
  close: () => Promise<void>;
}

interface HostState {
  base: string;
  /** Newest first, as feeds list them. */
  items: SeedPage[];
  pages: Map<string, Buffer>;
  feed: Buffer | null;
  etag: string;
}

/** Hosts 127.0.0.2 … 127.0.0.(hosts+1): every address of 127/8 reaches the loopback interface on Linux. */
export async function startLoopbackSite(hosts: number): Promise<LoopbackSite> {
  const states: HostState[] = [];
  const servers: Server[] = [];
  const listedAt = new Map<string, number>();
  let firstListing: number | undefined;
  let served = { pages: 0, feeds: 0 };
  for (let host = 0; host < hosts; host++) {
    const state: HostState = { base: '', items: [], pages: new Map(), feed: null, etag: '"empty"' };
    const server = createServer((request, response) => {
      const path = new URL(request.url ?? '/', 'http://x').pathname;
      if (path === '/robots.txt') return void response.writeHead(200, { 'content-type': 'text/plain' }).end('User-agent: *\nAllow: /\n');
      if (path === '/rss.xml') {
        served.feeds += 1;
        if (request.headers['if-none-match'] === state.etag) return void response.writeHead(304, { etag: state.etag }).end();
        state.feed ??= Buffer.from(rssFeed(state.base, state.items));
        const now = Date.now();
        if (state.items.length > 0) firstListing ??= now;
        for (const item of state.items) if (!listedAt.has(`${state.base}${item.path}`)) listedAt.set(`${state.base}${item.path}`, now);
        return void response.writeHead(200, { 'content-type': 'application/rss+xml', etag: state.etag }).end(state.feed);
      }
      const body = state.pages.get(path);
      if (!body) return void response.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
      served.pages += 1;
      response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(body);
    });
    // Node closes a keep-alive connection after 5 s idle, and a client may send on it just as it
    // closes ("other side closed", a retry 5 s later) on a loaded machine; web servers keep them
    // for a minute or more (nginx: 75 s).
    server.keepAliveTimeout = 65_000;
    const address = `127.0.0.${host + 2}`;
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(0, address, resolve);
    });
    const bound = server.address();
    state.base = `http://${address}:${typeof bound === 'object' && bound ? bound.port : 0}`;
    states.push(state);
    servers.push(server);
  }
  const pageUrl = (page: Pick<LoopbackPage, 'host' | 'path'>) => `${states[page.host].base}${page.path}`;
  return {
    bases: states.map((state) => state.base),
    feedUrl: (host) => `${states[host].base}/rss.xml`,
    pageUrl,
    publish: (pages) => {
      const touched = new Set<HostState>();
      const publishedAt = new Date().toISOString();
      for (const page of pages) {
        const state = states[page.host];
        state.pages.set(page.path, Buffer.from(page.html(pageUrl(page))));
        state.items.unshift({ slug: page.path, path: page.path, title: page.title, publishedAt, html: '' });
        touched.add(state);
      }
      for (const state of touched) {
        state.feed = null;
        state.etag = `"${createHash('sha1').update(state.items.map((item) => item.path).join('\n')).digest('hex').slice(0, 16)}"`;
      }
    },
    reset: () => {
      for (const state of states) Object.assign(state, { items: [], pages: new Map(), feed: null, etag: '"empty"' });
      listedAt.clear();
      firstListing = undefined;
      served = { pages: 0, feeds: 0 };
    },
    firstListedAt: (url) => listedAt.get(url),
    firstListingAt: () => firstListing,
    counts: () => ({ ...served }),
    close: async () => {
      await Promise.all(
        servers.map(
          (server) =>
            new Promise<void>((resolve) => {
              server.close(() => resolve());
              server.closeAllConnections();
            }),
        ),
      );
    },
  };
}

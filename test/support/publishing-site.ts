import { createServer, type IncomingMessage, type Server } from 'node:http';
import { rssFeed, type SeedPage } from './news-site.js';

/**
 * A regional news site that publishes over time: `publish()` puts the next article on the front
 * of its RSS feed, as a newsroom does through the day. Each article reports one happening of its
 * own (a town, an institution, an act), dated "on <weekday>" relative to its publication, so
 * that every article adds an event that no other article tells, and a duplicate in the store
 * would show as two events for one happening.
 */

const TOWNS = ['Arlen', 'Brisk', 'Calder', 'Dunmore', 'Elsby', 'Farrow', 'Glenhaven', 'Hollis', 'Iverton', 'Jessop', 'Kelburn', 'Lorne', 'Marwick', 'Norcott', 'Oakridge', 'Pellham', 'Quarry Bay', 'Rosslyn', 'Stanwick', 'Tolland'];
/** One act per article, each with its own actor, verb and object, so that no two tell the same happening. */
const FIRST = [
  'the town council of {town} approved a budget for a new tram line',
  'the mayor of {town} opened a flood barrier on the river',
  'the hospital board of {town} signed a contract for a cancer ward',
  'the water utility of {town} raised its tariffs by four percent',
  'the port authority of {town} closed the old ferry terminal',
  'a court in {town} convicted a former treasurer of embezzlement',
  'the university of {town} launched a research centre for batteries',
  'the bus company of {town} cancelled its night services',
  'the police chief of {town} resigned over a surveillance scandal',
  'a steelworks near {town} laid off three hundred workers',
  'the zoo of {town} welcomed two rare snow leopard cubs',
  'the fire brigade of {town} evacuated a chemical plant after a leak',
  'the football club of {town} sacked its manager after six defeats',
  'the library of {town} reopened after a two-year renovation',
  'the airport of {town} suspended flights because of a drone sighting',
  'the cathedral of {town} unveiled a restored medieval window',
  'the regional bank of {town} merged with a rival lender',
  'the energy cooperative of {town} switched on a solar farm',
  'the theatre of {town} premiered an opera about the miners strike',
  'the prison of {town} freed a man wrongly jailed for murder',
];
const WEEKDAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** Article `index` published at `publishedAt`: a page built like a regional paper's, with its chrome. */
export function regionalArticle(index: number, publishedAt: Date): SeedPage {
  const town = TOWNS[index % TOWNS.length];
  // The day before publication, named by weekday as reporters do ("on Tuesday").
  const weekday = WEEKDAYS[(publishedAt.getUTCDay() + 6) % 7];
  const first = FIRST[index % FIRST.length].replace('{town}', town);
  const title = `${town}: ${first.charAt(0).toUpperCase()}${first.slice(1)}`;
  const slug = `regional-${index}-${town.toLowerCase().replace(/\s+/g, '-')}`;
  const path = `/${publishedAt.toISOString().slice(0, 10).replace(/-/g, '/')}/${slug}`;
  const iso = publishedAt.toISOString();
  const html = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(title)} | The Valley Courier</title>
<meta property="og:title" content="${escapeHtml(title)}"><meta property="og:site_name" content="The Valley Courier">
<meta property="article:published_time" content="${iso}"></head>
<body><header class="site-header"><a class="logo" href="/">The Valley Courier</a>
<nav><ul><li><a href="/news">News</a></li><li><a href="/towns">Towns</a></li><li><a href="/sport">Sport</a></li><li><a href="/opinion">Opinion</a></li></ul></nav></header>
<div class="breadcrumbs"><a href="/">Home</a> › <a href="/news">News</a> › ${escapeHtml(town)}</div>
<main><article class="story">
<h1>${escapeHtml(title)}</h1>
<p class="byline">By Valley Courier staff · <time datetime="${iso}">${publishedAt.toUTCString()}</time></p>
<p>On ${weekday}, ${first}, ending a dispute that had divided residents for more than a year.</p>
<p>Supporters said the decision would bring relief to commuters and families across the district, while critics warned that the costs had not been explained in full.</p>
<p>Officials said further details would be published in the coming weeks.</p>
<p>Local businesses welcomed the news. Shop owners on the high street said they hoped the change would bring more visitors to the centre of ${escapeHtml(town)}.</p>
</article>
<aside class="most-read"><h2>Most read</h2><ol><li><a href="/news/weather">Storm warning for the weekend</a></li><li><a href="/sport/derby">Derby ends in a draw</a></li></ol></aside></main>
<footer><p>© The Valley Courier. All rights reserved.</p><a href="/privacy">Privacy</a> <a href="/contact">Contact us</a></footer>
</body></html>`;
  return { slug, path, html, title, publishedAt: iso };
}

export interface PublishingSite {
  base: string;
  /** Every article the site will publish, in order; `published()` of them are on the feed. */
  articles: SeedPage[];
  published: () => number;
  /** Puts the next article on the feed; false when all are out. */
  publish: () => boolean;
  /** Requests by path, for "was it fetched" checks. */
  requests: { path: string; at: number }[];
  /** Paths of the article page requests being answered right now. */
  inFlight: () => string[];
  close: () => Promise<void>;
}

/** `pageDelayMs`: how long an article page takes to answer (a slow CMS), so that fetches are in flight for a while. */
export async function startPublishingSite(count: number, options: { now?: Date; pageDelayMs?: number } = {}): Promise<PublishingSite> {
  const now = options.now ?? new Date();
  const articles = Array.from({ length: count }, (_, index) => regionalArticle(index, new Date(now.getTime() - (count - index) * 60_000)));
  let published = 0;
  const inFlight: string[] = [];
  let base = '';
  const requests: { path: string; at: number }[] = [];
  const server: Server = createServer((request: IncomingMessage, response) => {
    const path = new URL(request.url ?? '/', 'http://x').pathname;
    requests.push({ path, at: Date.now() });
    if (path === '/robots.txt') return void response.writeHead(200, { 'content-type': 'text/plain' }).end('User-agent: *\nAllow: /\n');
    // Newest first, as feeds list them.
    if (path === '/rss.xml') return void response.writeHead(200, { 'content-type': 'application/rss+xml' }).end(rssFeed(base, articles.slice(0, published).reverse()));
    const page = articles.slice(0, published).find((candidate) => candidate.path === path);
    if (!page) return void response.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
    inFlight.push(path);
    response.once('close', () => inFlight.splice(inFlight.indexOf(path), 1));
    setTimeout(() => response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(page.html), options.pageDelayMs ?? 0);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  return {
    base,
    articles,
    published: () => published,
    publish: () => {
      if (published >= articles.length) return false;
      published += 1;
      return true;
    },
    requests,
    inFlight: () => [...inFlight],
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

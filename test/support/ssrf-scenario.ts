/**
 * The SSRF and DNS-rebinding scenarios against `chronicle start`, run INSIDE a network namespace
 * that has only loopback (see test/service/ssrf-guard.int.test.ts, which starts it with
 * `unshare -n -m`). Usage: node --import tsx ssrf-scenario.ts
 *
 * Inside the namespace:
 *  - `lo` carries 127.0.0.1 and PUBLIC_ADDRESS (a public-looking address bound on loopback, so
 *    that a source created through the API can be served at all: there is no other interface
 *    and no route, so nothing sent to it can leave the namespace);
 *  - /etc/hosts is a private file bind-mounted over the real one; rewriting it re-points a name
 *    (glibc reads the file at every lookup), which is how a DNS rebinding attack looks to us;
 *  - an "internal" HTTP server on 127.0.0.1 stands for the operator's network: the guard holds
 *    when it never sees a request from anything an API user or a fetched document chose.
 *
 * Prints one JSON line: what each server saw and what the API reported, for the test to assert.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { networkInterfaces } from 'node:os';
import { closeSync, fstatSync, ftruncateSync, openSync, readFileSync, writeSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { waitFor, type RunningCli } from './cli.js';
import { loadSeedPages, rssFeed } from './news-site.js';
import { startTestRedis, type TestRedis } from './redis.js';
import { createServiceWorkdir, stopService, TEST_SECRET, TEST_TOKEN, type ServiceWorkdir } from './service-workdir.js';

export const PUBLIC_ADDRESS = '93.184.216.34';
export const HOSTS_MARKER = '# chronicle ssrf test hosts file';
/** Generous: the rebound source's second poll comes a minute after its first; a busy two-core machine. */
const WAIT_MS = 120_000;
/** The hosts file's constant size: more than its lines need; the rest is a comment. */
const HOSTS_FILE_BYTES = 512;

interface Article {
  url: string;
  status: string;
  errorCode: string | null;
  sourceId: string | null;
}

type Route = (request: IncomingMessage, response: ServerResponse) => void;

interface RecordingServer {
  origin: string;
  port: number;
  paths: string[];
  close: () => Promise<void>;
}

async function startServer(address: string, port: number, route: Route): Promise<RecordingServer> {
  const paths: string[] = [];
  const server = createServer((request, response) => {
    paths.push(new URL(request.url ?? '/', 'http://x').pathname);
    request.resume();
    request.on('end', () => route(request, response));
  });
  await new Promise<void>((resolve, reject) => server.once('error', reject).listen(port, address, resolve));
  const bound = server.address();
  const actual = typeof bound === 'object' && bound ? bound.port : port;
  return {
    origin: `http://${address}:${actual}`,
    port: actual,
    paths,
    close: () => new Promise((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}

const xml = (response: ServerResponse, body: string) => response.writeHead(200, { 'content-type': 'application/rss+xml' }).end(body);
const html = (response: ServerResponse, body: string) => response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(body);
const rss = (items: string[]) => `<?xml version="1.0"?><rss version="2.0"><channel><title>t</title><link>http://x/</link><description>d</description>${items
  .map((link, index) => `<item><title>Item ${index}</title><link>${link}</link></item>`)
  .join('')}</channel></rss>`;
const PAGE = (title: string) => `<!doctype html><html lang="en"><head><title>${title}</title></head><body><article><h1>${title}</h1>
<p>On Monday the council approved the new budget for the city after a long debate that lasted into the night.</p>
<p>The mayor said on Tuesday that the plan would be carried out before the end of the year.</p></article></body></html>`;

/** Refuses to run anywhere but in an isolated namespace with our own hosts file. */
function assertIsolated(): void {
  const interfaces = Object.keys(networkInterfaces());
  if (interfaces.length !== 1 || interfaces[0] !== 'lo') throw new Error(`not in a loopback-only network namespace (interfaces: ${interfaces.join(', ')})`);
  if (!readFileSync('/etc/hosts', 'utf8').includes(HOSTS_MARKER)) throw new Error('/etc/hosts is not the test hosts file: refusing to rewrite it');
}

/**
 * Rewrites the hosts file in place (a bind mount pins its inode, so no rename), always at the
 * same length and with each address padded to the same width: a lookup that reads the file
 * while it changes then never sees it truncated or a name missing (which getaddrinfo reports as
 * EAI_AGAIN and the guard, rightly, as a failure of that host).
 */
function pointNames(names: Record<string, string>): void {
  const lines = [HOSTS_MARKER, '127.0.0.1 localhost', '::1 localhost', ...Object.entries(names).map(([name, address]) => `${address.padEnd(15)} ${name}`)];
  const text = Buffer.from(`${lines.join('\n')}\n`.padEnd(HOSTS_FILE_BYTES, '#'));
  const fd = openSync('/etc/hosts', 'r+');
  try {
    if (fstatSync(fd).size !== HOSTS_FILE_BYTES) ftruncateSync(fd, HOSTS_FILE_BYTES);
    writeSync(fd, text, 0, text.length, 0);
  } finally {
    closeSync(fd);
  }
}

async function main(): Promise<void> {
  assertIsolated();
  const names: Record<string, string> = { 'rebind.example.test': PUBLIC_ADDRESS, 'hooks.example.test': PUBLIC_ADDRESS, 'public.example.test': PUBLIC_ADDRESS };
  pointNames(names);

  // The operator's network: one server answering everything with something worth storing.
  const internal = await startServer('127.0.0.1', 0, (request, response) => {
    const path = new URL(request.url ?? '/', 'http://x').pathname;
    if (path.endsWith('.xml')) return void xml(response, rss([`http://127.0.0.1:${internal.port}/internal/secret-story`]));
    html(response, PAGE('Internal secret story'));
  });
  const P = internal.port;
  // The "public" web, on the same port at PUBLIC_ADDRESS, so that a rebound name lands on `internal`.
  const publicSite = await startServer(PUBLIC_ADDRESS, P, (request, response) => {
    // As an attacker's server would: no kept-alive connection, so the next request looks the name up again.
    response.setHeader('connection', 'close');
    const path = new URL(request.url ?? '/', 'http://x').pathname;
    if (path === '/feed.xml') return void xml(response, rss([]));
    if (path === '/feed-b.xml') return void xml(response, rss([`http://public.example.test:${P}/news/public-story`, `http://127.0.0.1:${P}/internal/listed-by-api-source`]));
    if (path === '/redirect.xml') return void response.writeHead(302, { location: `http://127.0.0.1:${P}/internal/redirected.xml` }).end();
    if (path === '/news/public-story') return void html(response, PAGE('A public story'));
    response.writeHead(404).end();
  });

  // A config-file source on 127.0.0.1 (trusted on its own host only), released once the traps are set.
  const pages = loadSeedPages().slice(0, 3);
  let released = false;
  const control = await startServer('127.0.0.1', 0, (request, response) => {
    const path = new URL(request.url ?? '/', 'http://x').pathname;
    if (path === '/rss.xml') {
      if (!released) return void xml(response, rss([]));
      const other = `<item><title>Elsewhere</title><link>http://127.0.0.1:${P}/internal/listed-by-config-source</link></item>`;
      return void xml(response, rssFeed(control.origin, pages).replace('</channel>', `${other}</channel>`));
    }
    if (path === '/hop.xml') return void response.writeHead(302, { location: `http://127.0.0.1:${P}/internal/hop.xml` }).end();
    const page = pages.find((candidate) => candidate.path === path);
    if (page) return void html(response, page.html);
    response.writeHead(404).end();
  });
  // Webhook receivers: the config endpoint and, on the same server, the one an API user rebinds.
  const receiver = await startServer('127.0.0.1', 0, (_request, response) => response.writeHead(204).end());

  const redis: TestRedis = await startTestRedis();
  let service: RunningCli | undefined;
  let workdir: ServiceWorkdir | undefined;
  const results: Record<string, unknown> = {};
  try {
    workdir = await createServiceWorkdir({
      name: 'ssrf',
      redis,
      lines: [
        'fetch: { timeoutMs: 5000, perHost: { concurrency: 4, rps: 20 } }',
        'sources:',
        `  - { id: control, kind: feed, url: "${control.origin}/rss.xml", every: 2s }`,
        `  - { id: config-hop, kind: feed, url: "${control.origin}/hop.xml", every: 2s }`,
        'webhooks:',
        `  - { id: desk, url: "${receiver.origin}/config-hook", secret: ${TEST_SECRET} }`,
      ],
    });
    const api = workdir.api;
    ({ service } = await workdir.start(60_000));
    const post = (path: string, body: unknown) => api(path, { method: 'POST', body: JSON.stringify(body) });
    const sourceError = async (id: string) => ((await api('/v1/sources')).body.sources as { id: string; lastError: string | null }[]).find((source) => source.id === id)?.lastError ?? null;
    const articles = async () => (await api('/v1/articles?limit=100')).body.articles as Article[];
    const article = async (url: string) => (await articles()).find((candidate) => candidate.url === url);

    // Created while every name resolves to the public address: the API's creation check passes.
    results.created = {
      rebound: (await post('/v1/sources', { id: 'rebound', kind: 'feed', url: `http://rebind.example.test:${P}/feed.xml`, every: '1m' })).status,
      listing: (await post('/v1/sources', { id: 'listing', kind: 'feed', url: `http://public.example.test:${P}/feed-b.xml`, every: '1h' })).status,
      redirecting: (await post('/v1/sources', { id: 'redirecting', kind: 'feed', url: `http://public.example.test:${P}/redirect.xml`, every: '1h' })).status,
      hook: (await post('/v1/webhooks', { id: 'rebound-hook', url: `http://hooks.example.test:${receiver.port}/hook`, secret: TEST_SECRET })).status,
    };
    // (a) polled once while public, then rebound to 127.0.0.1.
    await waitFor('the rebound source polled while public', async () => publicSite.paths.includes('/feed.xml'), WAIT_MS, 100);
    names['rebind.example.test'] = '127.0.0.1';
    names['hooks.example.test'] = '127.0.0.1';
    pointNames(names);
    results.publicFeedRequestsBeforeRebind = publicSite.paths.filter((path) => path === '/feed.xml').length;
    const eventsBefore = (await api('/v1/events?limit=100')).body.events.length;
    // Each wait from here on ends on either outcome (refused, or the internal server reached), so that a
    // broken guard fails its own assertion in the test instead of a timeout here.

    // (b) an API source's feed lists an item on 127.0.0.1.
    const listedUrl = `http://127.0.0.1:${P}/internal/listed-by-api-source`;
    const settled = (found: Article | undefined) => (found && found.status !== 'pending' && (found.status !== 'fetched' || found.errorCode) ? found : null);
    results.listed = await waitFor('the listed item settled', async () => settled(await article(listedUrl)), WAIT_MS);
    results.publicStory = await waitFor('the public story processed', async () => {
      const found = await article(`http://public.example.test:${P}/news/public-story`);
      return found?.status === 'processed' ? found : null;
    }, WAIT_MS);

    // (e) a redirect from an allowed hop to 127.0.0.1, from an API source and from a config source's own host.
    await waitFor('the API redirect settled', async () => (await sourceError('redirecting')) || internal.paths.includes('/internal/redirected.xml'), WAIT_MS);
    await waitFor('the config redirect settled', async () => (await sourceError('config-hop')) || internal.paths.includes('/internal/hop.xml'), WAIT_MS);
    results.redirecting = { lastError: await sourceError('redirecting') };
    results.configHop = { lastError: await sourceError('config-hop') };

    // Control and (d): the config source's articles make events; each event pages both endpoints.
    released = true;
    results.control = await waitFor('the control articles processed', async () => {
      const found = (await articles()).filter((candidate) => candidate.url.startsWith(`${control.origin}/`) && candidate.status === 'processed');
      return found.length === pages.length ? { processed: found.length } : null;
    }, WAIT_MS, 500);
    results.listedByConfig = await waitFor('the config-listed item on another host settled', async () => settled(await article(`http://127.0.0.1:${P}/internal/listed-by-config-source`)), WAIT_MS);
    results.eventsAdded = (await api('/v1/events?limit=100')).body.events.length - eventsBefore;
    await waitFor('the config webhook paged', async () => receiver.paths.includes('/config-hook'), WAIT_MS);
    results.hookDeliveries = await waitFor('a delivery attempt logged', async () => {
      const deliveries = (await api('/v1/webhooks/rebound-hook/deliveries')).body.deliveries as { attempts: unknown[] }[];
      return deliveries.length > 0 && deliveries.every((delivery) => delivery.attempts.length > 0) ? deliveries : null;
    }, WAIT_MS);

    // (c) re-ingest with refetch of the stored 127.0.0.1 article: its source API-created, then deleted.
    const reingest = async () => {
      const { status, body } = await post('/v1/reingest', { url: listedUrl, refetch: true });
      if (status !== 202) return { status, body };
      return waitFor('the re-ingest job', async () => {
        const { body: job } = await api(`/v1/reingest/${body.jobId}`);
        return job.state === 'completed' || job.state === 'failed' ? job : null;
      }, WAIT_MS);
    };
    results.reingestApiSource = await reingest();
    // Not through api(): a 204 has no JSON body, and a JSON content type without a body is a 400.
    results.deleted = (await fetch(`${workdir.apiBase}/v1/sources/listing`, { method: 'DELETE', headers: { authorization: `Bearer ${TEST_TOKEN}` } })).status;
    results.reingestDeletedSource = await reingest();
    results.listedAfterReingest = await article(listedUrl);
    results.reingestJavascript = await post('/v1/reingest', { url: 'javascript:fetch("http://127.0.0.1/")' });

    // (a) API sources poll at most once a minute (MIN_EVERY_MS.api): the rebound source's next
    // poll comes a minute after its first, so it is looked at last, the rest having run meanwhile.
    await waitFor('the rebound source polled again', async () => (await sourceError('rebound')) || internal.paths.includes('/feed.xml'), WAIT_MS);
    results.rebound = { lastError: await sourceError('rebound') };

    // Late stragglers (a retried delivery, another poll) would show up here.
    await new Promise((resolve) => setTimeout(resolve, 3000));
    results.internalPaths = internal.paths;
    results.receiverPaths = receiver.paths;
    results.publicPaths = publicSite.paths;
    results.ok = true;
  } catch (error) {
    results.ok = false;
    results.error = (error as Error).message;
    results.serviceLog = service?.output().slice(-6000);
    results.internalPaths = internal.paths;
    results.receiverPaths = receiver.paths;
    results.publicPaths = publicSite.paths;
  } finally {
    await stopService(service);
    await Promise.all([internal, publicSite, control, receiver].map((server) => server.close()));
    await redis.stop();
    workdir?.remove();
  }
  process.stdout.write(`${JSON.stringify(results)}\n`);
}

// Run only when executed (the test imports the constants above).
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await main();

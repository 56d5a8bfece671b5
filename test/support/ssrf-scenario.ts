/**
 * The SSRF and DNS-rebinding scenarios against `chronicle start`, run INSIDE a network namespace
 * that has only loopback (see test/service/ssrf-guard.int.test.ts, which starts it with
 * `unshare -n -m`). Usage: node --import tsx ssrf-scenario.ts
 *
 * Nothing here binds, listens on or connects to an address outside 127.0.0.0/8 and ::1, and
 * `assertIsolated()` refuses to run unless that is all the namespace has:
 *  - /etc/hosts is a private file bind-mounted over the real one; rewriting it re-points a name
 *    (glibc reads the file at every lookup), which is how a DNS rebinding attack looks to us.
 *    A name an API user registers resolves to PUBLIC_ADDRESS in it while the API checks it (that
 *    check only resolves the name: it sends nothing) and is re-pointed to 127.0.0.1 before the
 *    service could first contact it: the source's first poll is held back by pausing the
 *    discover queue from the service's own queue board, and a webhook is only called for an
 *    event, of which there is none until the config feeds are released. Even if something did
 *    connect to PUBLIC_ADDRESS, no interface carries it and there is no route: the connect fails
 *    in the kernel (ENETUNREACH) and nothing is sent.
 *  - "internal" HTTP servers on 127.0.0.1 and 127.0.0.2 stand for the operator's network: the
 *    guard holds when they never see a request from anything an API user or a fetched document
 *    chose.
 *  - config-file sources and a config webhook on 127.0.0.1 are trusted on their own host only.
 *
 * Prints one JSON line: what each server saw and what the API reported, for the test to assert.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { networkInterfaces } from 'node:os';
import { closeSync, fstatSync, ftruncateSync, openSync, readFileSync, writeFileSync, writeSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { waitFor, type RunningCli } from './cli.js';
import { loadSeedPages, rssFeed } from './news-site.js';
import { startTestRedis, type TestRedis } from './redis.js';
import { createServiceWorkdir, stopService, TEST_SECRET, TEST_TOKEN, type ServiceWorkdir } from './service-workdir.js';

/** Only ever written into the private hosts file: never bound, never listened on, never connected to. */
const PUBLIC_ADDRESS = '93.184.216.34';
export const HOSTS_MARKER = '# chronicle ssrf test hosts file';
/** Generous, for a busy two-core machine; every wait ends as soon as its outcome is known. */
const WAIT_MS = 60_000;
/** The hosts file's constant size: more than its lines need; the rest is a comment. */
const HOSTS_FILE_BYTES = 512;
/** A second loopback address: "another machine" of the operator's network, reached by name. */
const INTRANET_ADDRESS = '127.0.0.2';

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

const pathOf = (request: IncomingMessage) => new URL(request.url ?? '/', 'http://x').pathname;
const xml = (response: ServerResponse, body: string) => response.writeHead(200, { 'content-type': 'application/rss+xml' }).end(body);
const html = (response: ServerResponse, body: string) => response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(body);
const rss = (items: string[]) => `<?xml version="1.0"?><rss version="2.0"><channel><title>t</title><link>http://x/</link><description>d</description>${items
  .map((link, index) => `<item><title>Item ${index}</title><link>${link}</link></item>`)
  .join('')}</channel></rss>`;
const PAGE = (title: string) => `<!doctype html><html lang="en"><head><title>${title}</title></head><body><article><h1>${title}</h1>
<p>On Monday the council approved the new budget for the city after a long debate that lasted into the night.</p>
<p>The mayor said on Tuesday that the plan would be carried out before the end of the year.</p></article></body></html>`;

const isLoopback = (address: string) => address === '::1' || /^127\./.test(address);

/**
 * Refuses to run anywhere but in an isolated namespace with our own hosts file, whose only
 * interface carries loopback addresses only (so that no test traffic can leave it, and no
 * server here can bind anything else).
 */
function assertIsolated(): void {
  const interfaces = networkInterfaces();
  const names = Object.keys(interfaces);
  if (names.length !== 1 || names[0] !== 'lo') throw new Error(`not in a loopback-only network namespace (interfaces: ${names.join(', ')})`);
  const foreign = (interfaces.lo ?? []).map((entry) => entry.address).filter((address) => !isLoopback(address));
  if (foreign.length) throw new Error(`lo carries addresses outside 127.0.0.0/8 and ::1: ${foreign.join(', ')}`);
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
  const names: Record<string, string> = {
    'rebind.example.test': PUBLIC_ADDRESS,
    'hooks.example.test': PUBLIC_ADDRESS,
    'intranet.example.test': INTRANET_ADDRESS,
  };
  pointNames(names);

  // The operator's network, on two loopback addresses at one port: every path answers with
  // something worth storing (a feed listing a secret story, or that story), so that a breach shows.
  const operatorRoute = (origin: () => string): Route => (request, response) => {
    if (pathOf(request).endsWith('.xml')) return void xml(response, rss([`${origin()}/internal/secret-story`]));
    html(response, PAGE('Internal secret story'));
  };
  const internal: RecordingServer = await startServer('127.0.0.1', 0, operatorRoute(() => internal.origin));
  const P = internal.port;
  const intranet: RecordingServer = await startServer(INTRANET_ADDRESS, P, operatorRoute(() => intranet.origin));

  // Config-file sources, released once the traps are set (until then their feeds are empty, so
  // that no event, and so no webhook call, happens before the rebound webhook points inward).
  let released = false;
  const pages = loadSeedPages().slice(0, 3);
  const listedByAddress = `http://127.0.0.1:${P}/internal/listed-by-config-source`;
  const listedByName = `http://intranet.example.test:${P}/internal/listed-by-name`;
  const control: RecordingServer = await startServer('127.0.0.1', 0, (request, response) => {
    const path = pathOf(request);
    if (path === '/rss.xml') {
      if (!released) return void xml(response, rss([]));
      const others = [listedByAddress, listedByName].map((link) => `<item><title>Elsewhere</title><link>${link}</link></item>`).join('');
      return void xml(response, rssFeed(control.origin, pages).replace('</channel>', `${others}</channel>`));
    }
    if (path === '/hop.xml') return void response.writeHead(302, { location: `http://${INTRANET_ADDRESS}:${P}/internal/hop.xml` }).end();
    const page = pages.find((candidate) => candidate.path === path);
    if (page) return void html(response, page.html);
    response.writeHead(404).end();
  });
  // A config source removed from the file at the restart: its stored article then belongs to nobody.
  const retiredPath = '/news/retired-story';
  const retired: RecordingServer = await startServer('127.0.0.1', 0, (request, response) => {
    const path = pathOf(request);
    if (path === '/feed.xml') return void xml(response, rss(released ? [`${retired.origin}${retiredPath}`] : []));
    if (path === retiredPath) return void html(response, PAGE('A story from a source that was retired'));
    response.writeHead(404).end();
  });
  const retiredUrl = `${retired.origin}${retiredPath}`;
  // Webhook receiver: the config endpoint and, on the same server, the one an API user rebinds.
  const receiver = await startServer('127.0.0.1', 0, (_request, response) => response.writeHead(204).end());

  const redis: TestRedis = await startTestRedis();
  let service: RunningCli | undefined;
  let workdir: ServiceWorkdir | undefined;
  const results: Record<string, unknown> = {};
  const servers = { internal, intranet, control, retired, receiver };
  const serverPaths = () => Object.fromEntries(Object.entries(servers).map(([name, server]) => [name, server.paths]));
  try {
    workdir = await createServiceWorkdir({
      name: 'ssrf',
      redis,
      lines: [
        'fetch: { timeoutMs: 5000, perHost: { concurrency: 4, rps: 20 } }',
        'sources:',
        `  - { id: control, kind: feed, url: "${control.origin}/rss.xml", every: 2s }`,
        `  - { id: config-hop, kind: feed, url: "${control.origin}/hop.xml", every: 2s }`,
        `  - { id: retired, kind: feed, url: "${retired.origin}/feed.xml", every: 2s }`,
        'webhooks:',
        `  - { id: desk, url: "${receiver.origin}/config-hook", secret: ${TEST_SECRET} }`,
      ],
    });
    const { api, apiBase } = workdir;
    ({ service } = await workdir.start(60_000));
    const post = (path: string, body: unknown) => api(path, { method: 'POST', body: JSON.stringify(body) });
    // Not through api(): these answer without a JSON body, and a JSON content type without a body is a 400.
    const bare = async (method: string, path: string) => (await fetch(`${apiBase}${path}`, { method, headers: { authorization: `Bearer ${TEST_TOKEN}` } })).status;
    const sourceError = async (id: string) => ((await api('/v1/sources')).body.sources as { id: string; lastError: string | null }[]).find((source) => source.id === id)?.lastError ?? null;
    const articles = async () => (await api('/v1/articles?limit=100')).body.articles as Article[];
    const article = async (url: string) => (await articles()).find((candidate) => candidate.url === url);
    const settled = (found: Article | undefined) => (found && found.status !== 'pending' && (found.status !== 'fetched' || found.errorCode) ? found : null);
    const reingest = async (url: string) => {
      const { status, body } = await post('/v1/reingest', { url, refetch: true });
      if (status !== 202) return { status, body };
      return waitFor('the re-ingest job', async () => {
        const { body: job } = await api(`/v1/reingest/${body.jobId}`);
        return job.state === 'completed' || job.state === 'failed' ? job : null;
      }, WAIT_MS);
    };

    // (a) and (d): registered while their names resolve to PUBLIC_ADDRESS (the API's creation
    // check passes), re-pointed to 127.0.0.1 before the service could contact either. Creating a
    // source queues its first poll at once (pollDueSourcesNow), so the discover queue is paused
    // around it, from the queue board as an operator would: no poll can run while the name
    // still resolves outward. Each wait below ends on either outcome (refused, or an internal
    // server reached), so that a broken guard fails its own assertion in the test, not a timeout here.
    results.paused = await bare('PUT', '/admin/queues/api/queues/discover/pause');
    if (results.paused !== 200) throw new Error(`the queue board did not pause the discover queue (${results.paused})`);
    results.created = {
      rebound: (await post('/v1/sources', { id: 'rebound', kind: 'feed', url: `http://rebind.example.test:${P}/feed.xml`, every: '1h' })).status,
      hook: (await post('/v1/webhooks', { id: 'rebound-hook', url: `http://hooks.example.test:${receiver.port}/hook`, secret: TEST_SECRET })).status,
    };
    pointNames({ ...names, 'rebind.example.test': '127.0.0.1', 'hooks.example.test': '127.0.0.1' });
    results.resumed = await bare('PUT', '/admin/queues/api/queues/discover/resume');
    await waitFor('the rebound source polled', async () => (await sourceError('rebound')) || internal.paths.includes('/feed.xml'), WAIT_MS);
    results.rebound = { lastError: await sourceError('rebound') };

    // (e) a redirect from a config source's own host to another loopback host.
    await waitFor('the config redirect settled', async () => (await sourceError('config-hop')) || intranet.paths.includes('/internal/hop.xml'), WAIT_MS);
    results.configHop = { lastError: await sourceError('config-hop') };

    // Control, (b) and (d): the config feeds' own articles make events; each event pages both endpoints.
    released = true;
    results.control = await waitFor('the control articles processed', async () => {
      const found = (await articles()).filter((candidate) => candidate.url.startsWith(`${control.origin}/`) && candidate.status === 'processed');
      return found.length === pages.length ? { processed: found.length } : null;
    }, WAIT_MS, 500);
    results.eventCount = (await api('/v1/events?limit=100')).body.events.length;
    results.listedByAddress = await waitFor('the item listed on 127.0.0.1 settled', async () => settled(await article(listedByAddress)), WAIT_MS);
    results.listedByName = await waitFor('the item listed on the intranet name settled', async () => settled(await article(listedByName)), WAIT_MS);
    await waitFor('the config webhook paged', async () => receiver.paths.includes('/config-hook'), WAIT_MS);
    results.hookDeliveries = await waitFor('a delivery attempt logged', async () => {
      const deliveries = (await api('/v1/webhooks/rebound-hook/deliveries')).body.deliveries as { attempts: unknown[] }[];
      return deliveries.length > 0 && deliveries.every((delivery) => delivery.attempts.length > 0) ? deliveries : null;
    }, WAIT_MS);

    // (c) a refetch is a real fetch while the config source vouches for its host...
    results.retiredStory = await waitFor('the retired source\'s story processed', async () => {
      const found = await article(retiredUrl);
      return found?.status === 'processed' ? found : null;
    }, WAIT_MS);
    const retiredHits = () => retired.paths.filter((path) => path === retiredPath).length;
    const hitsBefore = retiredHits();
    results.reingestTrusted = await reingest(retiredUrl);
    results.retiredHitsByTrustedRefetch = retiredHits() - hitsBefore;

    // ...and none once the source is removed from the config file (restart): nobody vouches for it.
    await stopService(service);
    service = undefined;
    const retiredSeenBeforeRestart = retired.paths.length;
    const configText = readFileSync(workdir.config, 'utf8');
    writeFileSync(workdir.config, configText.split('\n').filter((line) => !line.includes('id: retired,')).join('\n'));
    ({ service } = await workdir.start(60_000));
    results.sourcesAfterRestart = ((await api('/v1/sources')).body.sources as { id: string }[]).map((source) => source.id);
    results.reingestDeleted = await reingest(retiredUrl);
    results.retiredAfterReingest = await article(retiredUrl);
    results.reingestJavascript = await post('/v1/reingest', { url: 'javascript:fetch("http://127.0.0.1/")' });

    // Late stragglers (a retried delivery, another poll) would show up here.
    await new Promise((resolve) => setTimeout(resolve, 2000));
    results.retiredPathsAfterRestart = retired.paths.slice(retiredSeenBeforeRestart);
    results.secretArticles = (await articles()).filter((candidate) => candidate.url.includes('secret-story')).map((candidate) => candidate.url);
    results.paths = serverPaths();
    results.loopbackAddresses = (networkInterfaces().lo ?? []).map((entry) => entry.address);
    results.ok = true;
  } catch (error) {
    results.ok = false;
    results.error = (error as Error).message;
    results.serviceLog = service?.output().slice(-6000);
    results.paths = serverPaths();
  } finally {
    await stopService(service);
    await Promise.all(Object.values(servers).map((server) => server.close()));
    await redis.stop();
    workdir?.remove();
  }
  process.stdout.write(`${JSON.stringify(results)}\n`);
}

// Run only when executed (the test imports the constants above).
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await main();

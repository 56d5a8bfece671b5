import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { waitFor, type RunningCli } from '../support/cli.js';
import { loadSeedPages, startNewsSite, type NewsSite } from '../support/news-site.js';
import { postgresClusterUnavailableReason, startPostgresCluster, terminateConnections, type PostgresCluster } from '../support/postgres-cluster.js';
import { startOwnRedis, type OwnRedis } from '../support/redis.js';
import { createServiceWorkdir, stopService, TEST_SECRET, TEST_TOKEN, type ServiceWorkdir } from '../support/service-workdir.js';
import { startWebhookReceiver, type WebhookReceiver } from '../support/webhook-receiver.js';

/**
 * Findings 11 and 12 of issue 10, through `chronicle start`: a Redis that goes away and comes
 * back (the test's own redis-server, stopped and started on the same port), and a PostgreSQL
 * whose connections are ended or that restarts (a cluster of the test's own: the machine's
 * shared one serves other tests).
 */

interface Health {
  status: string;
  store: { ok: boolean; ms: number; error?: string };
  redis: { ok: boolean; ms: number; error?: string };
}

/** One /healthz answer; the request itself gives up after 5 s so that a hang fails the test. */
async function health(base: string): Promise<{ status: number; body: Health; ms: number }> {
  const started = Date.now();
  const response = await fetch(`${base}/healthz`, { signal: AbortSignal.timeout(5_000) });
  return { status: response.status, body: (await response.json()) as Health, ms: Date.now() - started };
}

function logLines(service: RunningCli, pattern: RegExp): string[] {
  return service.output().split('\n').filter((line) => pattern.test(line));
}

/** The lines the connection state logs (a job's own failure may quote "store unavailable" too). */
function stateLines(service: RunningCli, message: string): string[] {
  return logLines(service, new RegExp(`"dependency":"(redis|store)".*"msg":"${message}`));
}

describe('dependency outages, through chronicle start', () => {
  let site: NewsSite;
  let receiver: WebhookReceiver;
  let redis: OwnRedis;
  let workdir: ServiceWorkdir | undefined;
  let service: RunningCli | undefined;
  let cluster: PostgresCluster | undefined;
  const clusterSkip = postgresClusterUnavailableReason();

  const configLines = () => [
    'fetch: { timeoutMs: 5000, perHost: { concurrency: 4, rps: 20 } }',
    'sources:',
    `  - { id: world-rss, kind: feed, url: "${site.base}/rss.xml", every: 1h }`,
    `  - { id: europe-atom, kind: feed, url: "${site.base}/atom.xml", every: 1h }`,
    'webhooks:',
    `  - { id: desk, url: "${receiver.url}", secret: ${TEST_SECRET} }`,
  ];
  const processedCount = async () => (await workdir!.api('/v1/articles?status=processed&limit=100')).body.articles.length as number;

  beforeAll(async () => {
    site = await startNewsSite(loadSeedPages());
    receiver = await startWebhookReceiver(TEST_SECRET);
    redis = await startOwnRedis();
  });
  afterEach(async () => {
    await stopService(service);
    service = undefined;
    workdir?.remove();
    workdir = undefined;
  });
  afterAll(async () => {
    await site?.close();
    await receiver?.close();
    await redis?.stop();
    cluster?.remove();
  });

  it('finding 11: /healthz says 503 naming redis while Redis is down, reingest answers 503 at once, the log says so once, and work resumes', async () => {
    workdir = await createServiceWorkdir({ name: 'redis-down', redis, lines: configLines() });
    ({ service } = await workdir.start(60_000));
    await waitFor('the five seed articles processed', async () => (await processedCount()) === 5, 90_000, 250);
    expect((await health(workdir.apiBase)).body).toMatchObject({ status: 'ok', store: { ok: true }, redis: { ok: true } });

    await redis.halt();
    const stoppedAt = Date.now();
    const down = await waitFor('/healthz to answer 503', async () => {
      const answer = await health(workdir!.apiBase);
      return answer.status === 503 ? answer : null;
    }, 10_000, 100);
    // The issue asks for "within about 2 s"; generous for a loaded machine, still far from a hang.
    expect(Date.now() - stoppedAt).toBeLessThan(5_000);
    expect(down.body).toMatchObject({ status: 'unavailable', store: { ok: true }, redis: { ok: false } });
    expect(down.body.redis.error).toBeTruthy();

    const asked = Date.now();
    const reingest = await fetch(`${workdir.apiBase}/v1/reingest`, {
      method: 'POST',
      headers: { authorization: `Bearer ${TEST_TOKEN}`, 'content-type': 'application/json' },
      body: JSON.stringify({ all: true }),
      signal: AbortSignal.timeout(10_000),
    });
    expect(Date.now() - asked).toBeLessThan(3_000);
    expect(reingest.status).toBe(503);
    expect(await reingest.json()).toMatchObject({ dependency: 'redis', error: expect.stringContaining('redis') });
    // One-URL ingest queues on the same Redis: the same answer, nothing queued.
    const ingest = await fetch(`${workdir.apiBase}/v1/ingest`, {
      method: 'POST',
      headers: { authorization: `Bearer ${TEST_TOKEN}`, 'content-type': 'application/json' },
      body: JSON.stringify({ url: 'http://127.0.0.1:9/never' }),
      signal: AbortSignal.timeout(10_000),
    });
    expect(ingest.status).toBe(503);
    expect(await ingest.json()).toMatchObject({ dependency: 'redis' });

    // Several seconds of reconnect attempts (ioredis retries every few hundred ms, each worker's
    // connection too): the log says Redis went away once, with no stack traces.
    await new Promise((resolve) => setTimeout(resolve, 6_000));
    expect((await health(workdir.apiBase)).status).toBe(503);
    expect(stateLines(service!, 'redis unavailable')).toHaveLength(1);
    expect(logLines(service!, /ECONNREFUSED/).length).toBeLessThanOrEqual(1);
    expect(logLines(service!, /"stack"/)).toEqual([]);

    await redis.resume();
    await waitFor('/healthz back to 200', async () => (await health(workdir!.apiBase)).status === 200, 30_000, 200);
    // The workers' connection retries on its own schedule (up to 2 s apart): wait for its line.
    await waitFor('the log to say redis is back', async () => stateLines(service!, 'redis available again').length > 0, 10_000, 100);
    expect(stateLines(service!, 'redis available again')).toHaveLength(1);
    expect(stateLines(service!, 'redis unavailable')).toHaveLength(1);
    // Work continues: a re-ingest queued now runs to its end.
    const queued = await workdir.api('/v1/reingest', { method: 'POST', body: JSON.stringify({ all: true }) });
    expect(queued.status).toBe(202);
    const finished = await waitFor('the re-ingest job to complete', async () => {
      const { body } = await workdir!.api(`/v1/reingest/${queued.body.jobId}`);
      return body.state === 'completed' ? body : null;
    }, 60_000, 250);
    expect(finished.result).toMatchObject({ total: 5, failed: 0 });
    expect(service!.child.exitCode).toBeNull();
  }, 180_000);

  it.skipIf(clusterSkip !== null)('finding 12: ended PostgreSQL connections and a PostgreSQL restart leave the process up; /healthz says 503 meanwhile and 200 after', async () => {
    cluster = await startPostgresCluster();
    const appName = 'chronicle-finding-12';
    workdir = await createServiceWorkdir({ name: 'pg-down', redis, lines: configLines(), store: `${cluster.url}?application_name=${appName}` });
    ({ service } = await workdir.start(60_000));
    await waitFor('the five seed articles processed', async () => (await processedCount()) === 5, 90_000, 250);

    // 1. One idle pooled connection ended by the server (as pg_terminate_backend, an idle
    //    timeout or a failover do): this alone used to end the process.
    await waitFor('an idle pooled connection to end', async () => (await terminateConnections(cluster!.url, appName)) > 0, 10_000, 100);
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    expect(service!.child.exitCode).toBeNull();
    await waitFor('/healthz 200 after the ended connection', async () => (await health(workdir!.apiBase)).status === 200, 15_000, 200);

    // 2. PostgreSQL down: 503 naming the store, the process stays up; back: 200 and work goes on.
    cluster.stop();
    const down = await waitFor('/healthz 503 while PostgreSQL is down', async () => {
      const answer = await health(workdir!.apiBase);
      return answer.status === 503 ? answer : null;
    }, 15_000, 200);
    expect(down.body).toMatchObject({ status: 'unavailable', store: { ok: false }, redis: { ok: true } });
    expect(down.ms).toBeLessThan(4_000);
    const events = await workdir.api('/v1/events?limit=1');
    expect(events.status).toBe(503);
    expect(events.body).toMatchObject({ dependency: 'store' });
    await new Promise((resolve) => setTimeout(resolve, 3_000));
    expect(service!.child.exitCode).toBeNull();
    cluster.start();
    await waitFor('/healthz 200 after PostgreSQL is back', async () => (await health(workdir!.apiBase)).status === 200, 30_000, 200);
    // Ended idle connections are not an outage; the stop is, once. (The log reaches us through a
    // pipe, maybe after the HTTP answer: wait for the line.)
    await waitFor('the log to say the store is back', async () => stateLines(service!, 'store available again').length > 0, 10_000, 100);
    const storeLines = stateLines(service!, 'store');
    expect(stateLines(service!, 'store unavailable'), storeLines.join('\n')).toHaveLength(1);
    expect(stateLines(service!, 'store available again'), storeLines.join('\n')).toHaveLength(1);
    const queued = await workdir.api('/v1/reingest', { method: 'POST', body: JSON.stringify({ all: true }) });
    expect(queued.status).toBe(202);
    const finished = await waitFor('the re-ingest job to complete', async () => {
      const { body } = await workdir!.api(`/v1/reingest/${queued.body.jobId}`);
      return body.state === 'completed' ? body : null;
    }, 60_000, 250);
    expect(finished.result).toMatchObject({ total: 5, failed: 0 });
    expect(service!.child.exitCode).toBeNull();
  }, 240_000);
});

if (postgresClusterUnavailableReason()) console.warn(`finding 12 test skipped: ${postgresClusterUnavailableReason()}`);

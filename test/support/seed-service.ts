import type { RunningCli } from './cli.js';
import { loadSeedPages, startNewsSite, type NewsSite, type SeedPage } from './news-site.js';
import { startTestRedis, type TestRedis } from './redis.js';
import { createServiceWorkdir, TEST_SECRET, type ServiceWorkdir } from './service-workdir.js';
import { startWebhookReceiver, type WebhookReceiver } from './webhook-receiver.js';

/**
 * The five seed articles served as a news site (an RSS and an Atom feed), a webhook receiver,
 * a Redis, and a config for `chronicle start` that follows both feeds and pages the receiver.
 */
export interface SeedService {
  pages: SeedPage[];
  redis: TestRedis;
  site: NewsSite;
  receiver: WebhookReceiver;
  workdir: ServiceWorkdir;
  /** Kills a still-running service and closes everything. */
  close: (service?: RunningCli) => Promise<void>;
}

export async function startSeedService(options: { name: string; fetch: string; every: string }): Promise<SeedService> {
  const pages = loadSeedPages();
  const redis = await startTestRedis();
  const site = await startNewsSite(pages);
  const receiver = await startWebhookReceiver(TEST_SECRET);
  const workdir = await createServiceWorkdir({
    name: options.name,
    redis,
    lines: [
      options.fetch,
      'sources:',
      `  - { id: world-rss, kind: feed, url: "${site.base}/rss.xml", every: ${options.every} }`,
      `  - { id: europe-atom, kind: feed, url: "${site.base}/atom.xml", every: ${options.every} }`,
      'webhooks:',
      `  - { id: desk, url: "${receiver.url}", secret: ${TEST_SECRET} }`,
    ],
  });
  return {
    pages,
    redis,
    site,
    receiver,
    workdir,
    close: async (service) => {
      if (service && service.child.exitCode === null) service.child.kill('SIGKILL');
      await site.close();
      await receiver.close();
      await redis.stop();
      workdir.remove();
    },
  };
}

/**
 * A separate worker process for the politeness test: one Fetcher on a shared Redis fetching all
 * its URLs at once. Usage: node --import tsx fetch-many.ts <redisUrl> <keyPrefix> <url>...
 * Prints one JSON line per URL: {url, status} or {url, error}.
 */
import { Redis } from 'ioredis';
import { Fetcher } from '../../../src/fetch/fetcher.js';

const [redisUrl, keyPrefix, ...urls] = process.argv.slice(2);
const redis = new Redis(redisUrl, { maxRetriesPerRequest: 3 });
const fetcher = new Fetcher(
  { userAgent: 'chronicle-test/1.0', timeoutMs: 5000, maxBytes: 1_000_000, maxRedirects: 5, perHost: { concurrency: 2, rps: 2 } },
  // The test's servers are on 127.0.0.1.
  { redis, keyPrefix, allowPrivateNetworks: true },
);
const results = await Promise.all(
  urls.map((url) =>
    fetcher.fetch({ url }).then(
      (result) => ({ url, status: result.status }),
      (error: Error & { code?: string }) => ({ url, error: `${error.code ?? 'ERROR'}: ${error.message}` }),
    ),
  ),
);
for (const result of results) process.stdout.write(`${JSON.stringify(result)}\n`);
await fetcher.close();
redis.disconnect();

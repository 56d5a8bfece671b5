import robotsParserModule from 'robots-parser';
import type { Redis } from 'ioredis';
import { ChronicleError, PermanentFetchError, TransientFetchError } from '../errors.js';

/** robots-parser is CommonJS (`module.exports = fn`) while its typings declare a default export. */
type RobotsParser = (url: string, text: string) => { isAllowed(url: string, ua?: string): boolean | undefined; getCrawlDelay(ua?: string): number | undefined };
const loaded = robotsParserModule as unknown as RobotsParser | { default: RobotsParser };
const robotsParser: RobotsParser = typeof loaded === 'function' ? loaded : loaded.default;

/**
 * robots.txt per origin (RFC 9309), fetched through the Fetcher itself (so it is polite too),
 * cached in Redis for every process and, briefly, in memory.
 *
 *  - 2xx: the rules; Crawl-delay (not in RFC 9309, but widely set) spaces our requests.
 *  - 4xx (and too many redirects, or a file over maxBytes): no rules, everything allowed (§2.3.1.3).
 *  - 5xx or unreachable: everything disallowed for now (§2.3.1.4); a fetch then fails with
 *    TransientFetchError('ROBOTS_UNAVAILABLE') and is retried after UNAVAILABLE_TTL_MS.
 */
/** RFC 9309 §2.4: cached robots.txt should not be used for more than 24 h; an hour keeps rule changes timely. */
export const ROBOTS_TTL_MS = 3_600_000;
/** How long an unreachable robots.txt blocks its origin before the next attempt. */
export const UNAVAILABLE_TTL_MS = 5 * 60_000;
/** RFC 9309 §2.5: parse at least 500 KiB; beyond that, ignored. */
const MAX_ROBOTS_CHARS = 512 * 1024;
/** A Crawl-delay above this is a typo or a wish to be left alone; a minute still shows respect. */
const MAX_CRAWL_DELAY_MS = 60_000;
/** In-process reuse, so that a burst of fetches to one host does not re-read Redis each time. */
const MEMORY_TTL_MS = 30_000;

const PASS_THROUGH = new Set(['HOST_BLOCKED', 'HOST_BUSY', 'HTTP_429']);

type CachedRobots = { kind: 'rules'; text: string } | { kind: 'allow-all' } | { kind: 'unavailable'; reason: string };

export interface RobotsVerdict {
  allowed: boolean;
  crawlDelayMs: number;
}

/** Fetches robots.txt with the same trust as the URL it is asked about (see FetchRequest.trustedHosts). */
export type RobotsFetch = (robotsUrl: string, trustedHosts: readonly string[]) => Promise<{ text: string }>;

interface Parsed {
  check(url: string): RobotsVerdict;
  unavailable: string | null;
}

export class RobotsPolicy {
  private readonly memory = new Map<string, { expires: number; parsed: Promise<Parsed> }>();

  constructor(
    private readonly redis: Redis,
    private readonly keyPrefix: string,
    private readonly userAgent: string,
    private readonly fetchRobots: RobotsFetch,
  ) {}

  /** Resolves to the crawl delay for `url`'s host; throws when robots.txt forbids or cannot be read. */
  async check(url: string, trustedHosts: readonly string[] = []): Promise<RobotsVerdict> {
    const origin = new URL(url).origin;
    const parsed = await this.rulesFor(origin, trustedHosts);
    if (parsed.unavailable) {
      throw new TransientFetchError('ROBOTS_UNAVAILABLE', `${origin}/robots.txt is unavailable (${parsed.unavailable}); RFC 9309 says assume disallow`, {
        retryAfterMs: UNAVAILABLE_TTL_MS,
      });
    }
    const verdict = parsed.check(url);
    if (!verdict.allowed) throw new PermanentFetchError('ROBOTS_DISALLOWED', `${url} is disallowed by ${origin}/robots.txt for ${this.userAgent}`);
    return verdict;
  }

  clear(): void {
    this.memory.clear();
  }

  private rulesFor(origin: string, trustedHosts: readonly string[]): Promise<Parsed> {
    const now = Date.now();
    const cached = this.memory.get(origin);
    if (cached && cached.expires > now) return cached.parsed;
    const parsed = this.load(origin, trustedHosts).then((robots) => this.parse(origin, robots));
    this.memory.set(origin, { expires: now + MEMORY_TTL_MS, parsed });
    parsed.catch(() => this.memory.delete(origin));
    return parsed;
  }

  private async load(origin: string, trustedHosts: readonly string[]): Promise<CachedRobots> {
    const key = `${this.keyPrefix}:fetch:robots:${origin}`;
    const stored = await this.redis.get(key);
    if (stored) return JSON.parse(stored) as CachedRobots;
    const robots = await this.download(origin, trustedHosts);
    await this.redis.set(key, JSON.stringify(robots), 'PX', robots.kind === 'unavailable' ? UNAVAILABLE_TTL_MS : ROBOTS_TTL_MS);
    return robots;
  }

  private async download(origin: string, trustedHosts: readonly string[]): Promise<CachedRobots> {
    try {
      const { text } = await this.fetchRobots(`${origin}/robots.txt`, trustedHosts);
      return { kind: 'rules', text: text.slice(0, MAX_ROBOTS_CHARS) };
    } catch (error) {
      // Our own politeness (host blocked or busy) says nothing about robots.txt, and a 429 has
      // already blocked the host: rethrow without caching. (Google, too, reads 429 as "retry", not as a 4xx "allow all".)
      if (error instanceof TransientFetchError && PASS_THROUGH.has(error.code)) throw error;
      // A private-network refusal is about the URL, not the rules: rethrow so the fetch fails with it.
      if (error instanceof PermanentFetchError && error.code === 'PRIVATE_NETWORK') throw error;
      if (error instanceof PermanentFetchError) return { kind: 'allow-all' };
      if (error instanceof ChronicleError || error instanceof Error) return { kind: 'unavailable', reason: `${(error as ChronicleError).code ?? 'ERROR'}: ${error.message}` };
      throw error;
    }
  }

  private parse(origin: string, robots: CachedRobots): Parsed {
    if (robots.kind === 'unavailable') return { unavailable: robots.reason, check: () => ({ allowed: false, crawlDelayMs: 0 }) };
    if (robots.kind === 'allow-all') return { unavailable: null, check: () => ({ allowed: true, crawlDelayMs: 0 }) };
    const rules = robotsParser(`${origin}/robots.txt`, robots.text);
    const delaySeconds = Number(rules.getCrawlDelay(this.userAgent) ?? 0);
    const crawlDelayMs = Number.isFinite(delaySeconds) && delaySeconds > 0 ? Math.min(delaySeconds * 1000, MAX_CRAWL_DELAY_MS) : 0;
    // isAllowed answers undefined for another origin; the caller only asks about this one.
    return { unavailable: null, check: (url) => ({ allowed: rules.isAllowed(url, this.userAgent) !== false, crawlDelayMs }) };
  }
}

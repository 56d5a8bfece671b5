import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { parseConfigYaml } from './config-yaml.js';
import { ConfigError } from './errors.js';
import { isSecretKey, MASK, maskUserinfo } from './redact.js';

/**
 * The configuration contract (design.md "Public contracts"): one YAML file validated into one
 * typed, frozen object. Unknown keys are errors; every message names the key.
 */

const DURATION_UNITS_MS = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 } as const;
const DURATION_PATTERN = /^(\d+)(ms|s|m|h|d)$/;

/** Reads `30s`, `5m`, `1h`, `1d` into milliseconds; null when the text is not a duration. */
export function parseDuration(text: string): number | null {
  const match = DURATION_PATTERN.exec(text.trim());
  if (!match) return null;
  const value = Number(match[1]) * DURATION_UNITS_MS[match[2] as keyof typeof DURATION_UNITS_MS];
  return value > 0 ? value : null;
}

const duration = z
  .string({ invalid_type_error: 'expected a duration like 5m' })
  .refine((text) => parseDuration(text) !== null, 'expected a duration like 5m');

/** Five or six space-separated cron fields; BullMQ (cron-parser) checks the rest at upsert. */
const cron = z.string().refine((text) => /^\S+(\s+\S+){4,5}$/.test(text.trim()), 'expected a cron pattern like "*/10 * * * *"');

/** Absolute http(s) only: chronicle never follows javascript:, file: or data: URLs from anyone. */
export const httpUrl = z
  .string()
  .url('expected an absolute URL')
  .refine((text) => /^https?:\/\//i.test(text), 'expected an http(s) URL');

export const SOURCE_ID_PATTERN = /^[a-z0-9][a-z0-9._-]{0,63}$/i;
const id = z.string().regex(SOURCE_ID_PATTERN, 'expected letters, digits, ".", "_" or "-" (at most 64)');

/**
 * Floors on a source's pace. `every: 1ms` made 2,443 discover runs in 5 s. A source from the
 * config file (the operator's own) may poll every second: local feeds and tests need a quick
 * pace, and one run a second cannot become a busy loop. A source created through the API may
 * not poll more often than once a minute: API input is untrusted, and each poll is a request
 * to someone else's server (a news site publishes a few items a minute at most, and a feed's
 * `<ttl>` or Cache-Control rarely asks for less than a minute). For the same reason an API
 * `cron` may not carry a seconds field.
 */
export const MIN_EVERY_MS = { config: 1_000, api: 60_000 } as const;

/**
 * `maxAge` is a window on item dates: shorter than an hour, items published between two polls at
 * the default 15 minutes, or dated a little behind by a feed's clock or a CDN's cache, are
 * dropped before they are ever seen.
 */
export const MIN_MAX_AGE_MS = 3_600_000;

const sourceFields = z
  .object({
    id,
    kind: z.enum(['feed', 'sitemap', 'page']),
    url: httpUrl,
    every: duration.optional(),
    cron: cron.optional(),
    /** CSS selector for article links on a `page` source; heuristics when absent. */
    select: z.string().min(1).optional(),
    /** Only sitemap entries whose lastmod is within this window are emitted. */
    maxAge: duration.optional(),
  })
  .strict();

function sourceRules(origin: keyof typeof MIN_EVERY_MS) {
  return sourceFields.superRefine((source, ctx) => {
    if (source.every && source.cron) ctx.addIssue({ code: 'custom', message: 'give either every or cron, not both', path: ['cron'] });
    const everyMs = source.every ? parseDuration(source.every) : null;
    if (everyMs !== null && everyMs < MIN_EVERY_MS[origin]) {
      ctx.addIssue({ code: 'custom', message: `at least ${formatMs(MIN_EVERY_MS[origin])}${origin === 'api' ? ' for a source created through the API' : ''}`, path: ['every'] });
    }
    if (origin === 'api' && source.cron && source.cron.trim().split(/\s+/).length > 5) {
      ctx.addIssue({ code: 'custom', message: 'five fields (minute hour day month weekday): no seconds field for a source created through the API', path: ['cron'] });
    }
    const maxAgeMs = source.maxAge ? parseDuration(source.maxAge) : null;
    if (maxAgeMs !== null && maxAgeMs < MIN_MAX_AGE_MS) ctx.addIssue({ code: 'custom', message: `at least ${formatMs(MIN_MAX_AGE_MS)}`, path: ['maxAge'] });
  });
}

function formatMs(ms: number): string {
  return ms % 3_600_000 === 0 ? `${ms / 3_600_000}h` : ms % 60_000 === 0 ? `${ms / 60_000}m` : `${ms / 1000}s`;
}

/** A source in the config file. */
export const sourceSchema = sourceRules('config');
/** A source created through `POST /v1/sources`: the same, with the API's floors. */
export const apiSourceSchema = sourceRules('api');

/**
 * Each keyword is matched against every event for this endpoint: 80,000 of them were accepted.
 * A hundred words of a hundred characters covers any real watch list.
 */
export const MAX_FILTER_KEYWORDS = 100;
/** An event's modality (design.md "An event"), for webhook filters. */
export const MODALITIES = ['occurred', 'scheduled', 'deadline', 'reported'] as const;
export const MAX_FILTER_KEYWORD_LENGTH = 100;

/**
 * Which events page anyone: those dated within recentDays before their first report, or later.
 * A week covers "last Monday" and "last week" in a weekly round-up; older dates are background.
 */
const notifySchema = z.object({ recentDays: z.number().int().min(0).max(3650) }).strict();

export const webhookSchema = z
  .object({
    id,
    url: httpUrl,
    secret: z.string().regex(/^whsec_[A-Za-z0-9+/=]{8,}$/, 'expected a Standard Webhooks secret like whsec_<base64>'),
    filter: z
      .object({
        keywords: z
          .array(z.string().min(1).max(MAX_FILTER_KEYWORD_LENGTH, `at most ${MAX_FILTER_KEYWORD_LENGTH} characters`))
          .max(MAX_FILTER_KEYWORDS, `at most ${MAX_FILTER_KEYWORDS} keywords`)
          .optional(),
        /** Only events some article of these sources reports (source ids; the same cap as keywords). */
        sources: z.array(id).max(MAX_FILTER_KEYWORDS, `at most ${MAX_FILTER_KEYWORDS} sources`).optional(),
        modalities: z.array(z.enum(MODALITIES)).max(MODALITIES.length).optional(),
        /** Only events of these stories (ids as GET /v1/stories gives them; the same cap as keywords). */
        stories: z.array(id).max(MAX_FILTER_KEYWORDS, `at most ${MAX_FILTER_KEYWORDS} stories`).optional(),
      })
      .strict()
      .optional(),
    /** This endpoint's own recency window (overrides the top-level notify.recentDays). */
    notify: notifySchema.partial().strict().optional(),
  })
  .strict();

/**
 * An origin a browser sends in `Origin:` (`https://desk.example`, `http://127.0.0.1:3000`): scheme,
 * host and port only, written as the browser writes it, because the match is exact. No `*`: the
 * operator names each page that may use the token from a browser (and browsers refuse `*` for a
 * request made with credentials anyway).
 */
const CORS_ORIGIN_EXAMPLE = 'expected an origin like https://desk.example (scheme, host and optional port only)';
const corsOrigin = z.string({ invalid_type_error: CORS_ORIGIN_EXAMPLE }).superRefine((text, ctx) => {
  const problem = corsOriginProblem(text);
  if (problem) ctx.addIssue({ code: 'custom', message: problem });
});

function corsOriginProblem(text: string): string | null {
  if (text.includes('*')) return 'no wildcards: list each origin allowed to call the API, like https://desk.example';
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return CORS_ORIGIN_EXAMPLE;
  }
  if (!/^https?:$/.test(url.protocol)) return 'expected an http or https origin like https://desk.example';
  if (url.origin !== text) return `expected the origin as a browser sends it (no path, credentials, default port or trailing slash; lower case): did you mean "${url.origin}"?`;
  return null;
}

const REDIS_URL = /^rediss?:\/\//;
const REDIS_URL_HINT = 'expected redis://host:port (or rediss://)';
// The two stores the design allows; the hint names no user@ part, which the log would mask.
const STORE_URL = /^(pglite|postgres|postgresql):\/\//;
const STORE_URL_HINT = 'expected pglite://PATH (embedded) or a postgres:// URL';

const configSchema = z
  .object({
    redis: z
      .object({
        /** Absent: 127.0.0.1:6379 if it answers, else a redis-server chronicle starts itself. */
        url: z.string().regex(REDIS_URL, REDIS_URL_HINT).optional(),
        /** Key prefix of every queue, so that several deployments can share one Redis. */
        prefix: z.string().regex(/^[A-Za-z0-9_-]+$/, 'expected letters, digits, "_" or "-"').default('chronicle'),
      })
      .strict()
      .default({}),
    store: z
      .object({ url: z.string().regex(STORE_URL, STORE_URL_HINT) })
      .strict()
      .default({ url: 'pglite://./data/chronicle' }),
    api: z
      .object({
        port: z.number().int().min(0).max(65535).default(8080),
        host: z.string().default('127.0.0.1'),
        token: z.string().min(1).default('change-me'),
        /** Pages on other origins allowed to call /v1 with the token (cors.ts); none by default. */
        cors: z.object({ origins: z.array(corsOrigin).max(100, 'at most 100 origins').default([]) }).strict().default({}),
      })
      .strict()
      .default({}),
    security: z.object({ allowPrivateNetworks: z.boolean().default(false) }).strict().default({}),
    fetch: z
      .object({
        userAgent: z.string().min(1).default('chronicle/1.0'),
        timeoutMs: z.number().int().positive().default(15_000),
        maxBytes: z.number().int().positive().default(10_000_000),
        maxRedirects: z.number().int().min(0).max(20).default(5),
        perHost: z
          .object({ concurrency: z.number().int().positive().default(2), rps: z.number().positive().default(1) })
          .strict()
          .default({}),
      })
      .strict()
      .default({}),
    discover: z
      .object({
        /**
         * New articles taken from one poll of one source; the rest are taken on the next polls
         * (newest first). A 100,000-item feed queued 100,000 fetches at once (RSS 160 → 755 MB).
         * 500 is more than any news feed or sitemap publishes between two polls.
         */
        maxItemsPerPoll: z.number().int().min(1).max(50_000).default(500),
      })
      .strict()
      .default({}),
    /**
     * How much work one process takes on at once. Every number defaults from the machine's cores
     * (os.availableParallelism(); runtime/stage-concurrency.ts says how); set one to pin it.
     */
    workers: z
      .object({
        analysisThreads: z.number().int().min(1).max(256).optional(),
        concurrency: z
          .object({
            discover: z.number().int().min(1).max(1000).optional(),
            fetch: z.number().int().min(1).max(1000).optional(),
            process: z.number().int().min(1).max(1000).optional(),
            notify: z.number().int().min(1).max(1000).optional(),
          })
          .strict()
          .default({}),
      })
      .strict()
      .default({}),
    sources: z.array(sourceSchema).default([]),
    webhooks: z.array(webhookSchema).default([]),
    notify: notifySchema.partial().strict().default({}).transform((notify) => ({ recentDays: notify.recentDays ?? 7 })),
  })
  .strict()
  .superRefine((config, ctx) => {
    reportDuplicateIds(config.sources, 'sources', ctx);
    reportDuplicateIds(config.webhooks, 'webhooks', ctx);
  });

function reportDuplicateIds(items: { id: string }[], key: string, ctx: z.RefinementCtx): void {
  const seen = new Set<string>();
  items.forEach((item, index) => {
    if (seen.has(item.id)) ctx.addIssue({ code: 'custom', path: [key, index, 'id'], message: `duplicate id "${item.id}"` });
    seen.add(item.id);
  });
}

export type SourceConfig = z.infer<typeof sourceSchema>;
export type WebhookConfig = z.infer<typeof webhookSchema>;
type ParsedConfig = z.infer<typeof configSchema>;
export type Config = DeepReadonly<ParsedConfig>;
type DeepReadonly<T> = T extends (infer U)[] ? readonly DeepReadonly<U>[] : T extends object ? { readonly [K in keyof T]: DeepReadonly<T[K]> } : T;

/** `sources[1].every` from zod's path `['sources', 1, 'every']`. */
export function formatPath(path: (string | number)[]): string {
  return path.reduce<string>((text, part) => (typeof part === 'number' ? `${text}[${part}]` : text ? `${text}.${part}` : part), '');
}

function describeIssue(issue: z.ZodIssue, document: unknown): string {
  if (issue.code === 'unrecognized_keys') {
    const where = formatPath(issue.path);
    return issue.keys.map((key) => `${where ? `${where}.` : ''}${key}: unknown key`).join('; ');
  }
  return `${formatPath(issue.path) || '(root)'}: ${hideSecretValue(issue.message, issue.path, document)}`;
}

/**
 * Some zod messages quote the value (an enum's "received 'x'"): never the value of a secret key
 * (`api.token`, `webhooks[0].secret`), and never a URL's credentials.
 */
function hideSecretValue(message: string, path: (string | number)[], document: unknown): string {
  const key = [...path].reverse().find((part): part is string => typeof part === 'string');
  const value = path.reduce<unknown>((node, part) => (node && typeof node === 'object' ? (node as Record<string | number, unknown>)[part] : undefined), document);
  const hidden = key && isSecretKey(key) && typeof value === 'string' && value !== '' ? message.split(value).join(MASK) : message;
  return maskUserinfo(hidden);
}

/**
 * Validated with the rest of the config, before anything connects: a `mysql://` URL is a config
 * error (exit 2), not a connection that fails later.
 */
function assertEnvUrl(name: string, value: string, pattern: RegExp, hint: string): void {
  if (!pattern.test(value)) throw new ConfigError(`${name}: ${hint}, got "${maskUserinfo(value)}"`);
}

/** Validates a parsed YAML document (and the environment overrides) into the frozen config. */
export function parseConfig(document: unknown, env: NodeJS.ProcessEnv = process.env): Config {
  const result = configSchema.safeParse(document ?? {});
  if (!result.success) throw new ConfigError(result.error.issues.map((issue) => describeIssue(issue, document)).join('\n'));
  return deepFreeze(applyEnvironment(result.data, env));
}

function applyEnvironment(config: ParsedConfig, env: NodeJS.ProcessEnv): ParsedConfig {
  const merged: ParsedConfig = structuredClone(config);
  if (env.REDIS_URL) {
    assertEnvUrl('REDIS_URL', env.REDIS_URL, REDIS_URL, REDIS_URL_HINT);
    merged.redis.url = env.REDIS_URL;
  }
  if (env.DATABASE_URL) {
    assertEnvUrl('DATABASE_URL', env.DATABASE_URL, STORE_URL, STORE_URL_HINT);
    merged.store = { url: env.DATABASE_URL };
  }
  if (env.CHRONICLE_API_TOKEN !== undefined) {
    // Set but empty (`CHRONICLE_API_TOKEN= chronicle start`, compose's `${VAR}` of an unset
    // variable) is a mistake, not a request for the file's token: say so rather than fall back.
    if (env.CHRONICLE_API_TOKEN.trim() === '') throw new ConfigError('CHRONICLE_API_TOKEN: set but empty; set it to the API token, or unset it to use api.token from the config file');
    merged.api.token = env.CHRONICLE_API_TOKEN;
  }
  if (env.PORT) {
    const port = Number(env.PORT);
    if (!Number.isInteger(port) || port < 0 || port > 65535) throw new ConfigError(`PORT: expected a port number, got "${env.PORT}"`);
    merged.api.port = port;
  }
  return merged;
}

/** Reads and validates the YAML file at `path`; a missing default file means "all defaults". */
export function loadConfig(path: string, options: { required: boolean; env?: NodeJS.ProcessEnv }): Config {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    if (!options.required && (error as NodeJS.ErrnoException).code === 'ENOENT') return parseConfig({}, options.env);
    throw new ConfigError(`${path}: cannot read the config file (${(error as Error).message})`);
  }
  const document = parseConfigYaml(text, path);
  try {
    return parseConfig(document, options.env);
  } catch (error) {
    if (error instanceof ConfigError) throw new ConfigError(`${path}:\n${error.message}`);
    throw error;
  }
}

/** A source with no `every` is polled every 15 minutes; a cron source backs off from that base. */
export const DEFAULT_POLL_EVERY_MS = 15 * 60_000;

/**
 * The source's polling interval: its `every`, else the default (also the backoff base for cron).
 * Never under its floor (MIN_EVERY_MS), even for a source stored before the floors existed.
 */
export function sourceIntervalMs(source: { every?: string | null; origin?: keyof typeof MIN_EVERY_MS }): number {
  const everyMs = (source.every ? parseDuration(source.every) : null) ?? DEFAULT_POLL_EVERY_MS;
  return Math.max(everyMs, MIN_EVERY_MS[source.origin ?? 'config']);
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object') {
    for (const child of Object.values(value)) deepFreeze(child);
    Object.freeze(value);
  }
  return value;
}

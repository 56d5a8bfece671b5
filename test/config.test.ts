import { describe, expect, it } from 'vitest';
import { readdirSync } from 'node:fs';
import { apiSourceSchema, loadConfig, parseConfig, parseDuration, sourceIntervalMs } from '../src/config.js';
import { ConfigError } from '../src/errors.js';

describe('config', () => {
  it('reads durations', () => {
    expect(parseDuration('30s')).toBe(30_000);
    expect(parseDuration('5m')).toBe(300_000);
    expect(parseDuration('1h')).toBe(3_600_000);
    expect(parseDuration('1d')).toBe(86_400_000);
    expect(parseDuration('0m')).toBeNull();
    expect(parseDuration('5 minutes')).toBeNull();
  });

  it('fills defaults that work and freezes the result', () => {
    const config = parseConfig({}, {});
    expect(config.store.url).toBe('pglite://./data/chronicle');
    expect(config.api.port).toBe(8080);
    expect(config.fetch.perHost).toEqual({ concurrency: 2, rps: 1 });
    expect(Object.isFrozen(config.fetch.perHost)).toBe(true);
  });

  it('applies environment overrides', () => {
    const config = parseConfig({}, { REDIS_URL: 'redis://r:1', DATABASE_URL: 'postgres://u@h/db', CHRONICLE_API_TOKEN: 't', PORT: '9999' });
    expect(config.redis.url).toBe('redis://r:1');
    expect(config.store.url).toBe('postgres://u@h/db');
    expect(config.api.token).toBe('t');
    expect(config.api.port).toBe(9999);
    expect(() => parseConfig({}, { PORT: 'eighty' })).toThrow(/PORT/);
  });

  it('names the key and the problem of every error', () => {
    const error = (document: unknown) => {
      try {
        parseConfig(document, {});
      } catch (caught) {
        expect(caught).toBeInstanceOf(ConfigError);
        return (caught as Error).message;
      }
      throw new Error('expected a ConfigError');
    };
    expect(error({ sources: [{ id: 'a', kind: 'feed', url: 'http://x/a', every: '5m' }, { id: 'b', kind: 'feed', url: 'http://x/b', every: 'often' }] })).toContain(
      'sources[1].every: expected a duration like 5m',
    );
    expect(error({ sources: [{ id: 'a', kind: 'rss', url: 'http://x/a' }] })).toContain('sources[0].kind');
    expect(error({ api: { prot: 1 } })).toContain('api.prot: unknown key');
    expect(error({ webhooks: [{ id: 'w', url: 'http://x/h', secret: 'hunter2' }] })).toContain('webhooks[0].secret');
    expect(error({ sources: [{ id: 'a', kind: 'feed', url: 'http://x/a' }, { id: 'a', kind: 'feed', url: 'http://x/b' }] })).toContain('sources[1].id: duplicate id');
    expect(error({ sources: [{ id: 'a', kind: 'feed', url: 'http://x/a', every: '5m', cron: '* * * * *' }] })).toContain('sources[0].cron');
  });

  it('refuses a pace faster than the floors, naming the key; API-created sources have higher floors', () => {
    const error = (document: unknown) => {
      try {
        parseConfig(document, {});
      } catch (caught) {
        return (caught as Error).message;
      }
      return '';
    };
    const feed = { id: 'a', kind: 'feed', url: 'http://x/a' };
    expect(error({ sources: [{ ...feed, every: '1ms' }] })).toContain('sources[0].every: at least 1s');
    expect(error({ sources: [{ ...feed, every: '999ms' }] })).toContain('sources[0].every');
    expect(error({ sources: [{ ...feed, every: '1s' }] })).toBe('');
    expect(error({ sources: [{ ...feed, maxAge: '1ms' }] })).toContain('sources[0].maxAge: at least 1h');
    expect(error({ sources: [{ ...feed, maxAge: '59m' }] })).toContain('sources[0].maxAge');
    expect(error({ sources: [{ ...feed, maxAge: '1h' }] })).toBe('');

    expect(apiSourceSchema.safeParse({ ...feed, every: '30s' }).error?.issues[0]).toMatchObject({ path: ['every'], message: 'at least 1m for a source created through the API' });
    expect(apiSourceSchema.safeParse({ ...feed, every: '1m' }).success).toBe(true);
    expect(apiSourceSchema.safeParse({ ...feed, maxAge: '10m' }).error?.issues[0].path).toEqual(['maxAge']);
    expect(apiSourceSchema.safeParse({ ...feed, cron: '* * * * * *' }).error?.issues[0].path).toEqual(['cron']);
    expect(apiSourceSchema.safeParse({ ...feed, cron: '*/5 * * * *' }).success).toBe(true);
    // A source stored before the floors existed is scheduled at its floor, not at its `every`.
    expect(sourceIntervalMs({ every: '1ms', origin: 'api' })).toBe(60_000);
    expect(sourceIntervalMs({ every: '1ms', origin: 'config' })).toBe(1_000);
    expect(sourceIntervalMs({ every: '5m', origin: 'api' })).toBe(300_000);
  });

  it('caps items per poll and webhook filter keywords, naming the key', () => {
    expect(parseConfig({}, {}).discover.maxItemsPerPoll).toBe(500);
    expect(() => parseConfig({ discover: { maxItemsPerPoll: 0 } }, {})).toThrow(/discover\.maxItemsPerPoll/);
    const hook = { id: 'w', url: 'http://x/h', secret: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw' };
    expect(() => parseConfig({ webhooks: [{ ...hook, filter: { keywords: Array.from({ length: 101 }, (_, index) => `k${index}`) } }] }, {})).toThrow(
      /webhooks\[0\]\.filter\.keywords: at most 100 keywords/,
    );
    expect(() => parseConfig({ webhooks: [{ ...hook, filter: { keywords: ['x'.repeat(101)] } }] }, {})).toThrow(/webhooks\[0\]\.filter\.keywords\[0\]: at most 100 characters/);
    expect(parseConfig({ webhooks: [{ ...hook, filter: { keywords: Array.from({ length: 100 }, () => 'x'.repeat(100)) } }] }, {}).webhooks).toHaveLength(1);
  });

  it('reads workers (threads and jobs at once per stage), every number optional, naming the key of a bad one', () => {
    expect(parseConfig({}, {}).workers).toEqual({ concurrency: {} });
    expect(parseConfig({ workers: { analysisThreads: 3, concurrency: { fetch: 20 } } }, {}).workers).toEqual({ analysisThreads: 3, concurrency: { fetch: 20 } });
    expect(() => parseConfig({ workers: { analysisThreads: 0 } }, {})).toThrow(/workers\.analysisThreads/);
    expect(() => parseConfig({ workers: { concurrency: { reingest: 2 } } }, {})).toThrow(/workers\.concurrency/);
  });

  it('reads notify.recentDays (default 7) and a per-webhook override, naming the key of a bad one', () => {
    expect(parseConfig({}, {}).notify).toEqual({ recentDays: 7 });
    const config = parseConfig(
      { notify: { recentDays: 3 }, webhooks: [{ id: 'w', url: 'http://x/h', secret: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw', notify: { recentDays: 30 } }] },
      {},
    );
    expect(config.notify.recentDays).toBe(3);
    expect(config.webhooks[0].notify).toEqual({ recentDays: 30 });
    expect(() => parseConfig({ notify: { recentDays: -1 } }, {})).toThrow(/notify\.recentDays/);
    expect(() => parseConfig({ notify: { recentDays: 'a week' } }, {})).toThrow(/notify\.recentDays/);
    expect(() => parseConfig({ notify: { days: 7 } }, {})).toThrow(/notify\.days: unknown key/);
    expect(() => parseConfig({ webhooks: [{ id: 'w', url: 'http://x/h', secret: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw', notify: { recentDays: 1.5 } }] }, {})).toThrow(
      /webhooks\[0\]\.notify\.recentDays/,
    );
  });

  it('reads api.cors.origins (none by default): full origins only, no wildcard, naming the key', () => {
    expect(parseConfig({}, {}).api.cors.origins).toEqual([]);
    const origins = ['https://desk.example', 'http://127.0.0.1:3000', 'https://[::1]:8443'];
    expect(parseConfig({ api: { cors: { origins } } }, {}).api.cors.origins).toEqual(origins);
    const error = (origin: unknown) => {
      try {
        parseConfig({ api: { cors: { origins: ['https://desk.example', origin] } } }, {});
      } catch (caught) {
        expect(caught).toBeInstanceOf(ConfigError);
        return (caught as Error).message;
      }
      return '';
    };
    expect(error('*')).toMatch(/^api\.cors\.origins\[1\]: no wildcards/);
    expect(error('https://*.desk.example')).toMatch(/^api\.cors\.origins\[1\]: no wildcards/);
    expect(error('desk.example')).toMatch(/^api\.cors\.origins\[1\]: expected an origin like https:\/\/desk\.example/);
    expect(error('null')).toMatch(/^api\.cors\.origins\[1\]: expected an origin/);
    expect(error('ftp://desk.example')).toMatch(/^api\.cors\.origins\[1\]: expected an http or https origin/);
    // An origin is matched exactly as the browser sends it, so anything else names the right form.
    expect(error('https://desk.example/')).toContain('"https://desk.example"?');
    expect(error('https://desk.example/app')).toContain('"https://desk.example"?');
    expect(error('https://Desk.Example')).toContain('"https://desk.example"?');
    expect(error('https://desk.example:443')).toContain('"https://desk.example"?');
    const withCredentials = error('https://reader:hunter2secret@desk.example');
    expect(withCredentials).toContain('"https://desk.example"?');
    expect(withCredentials).not.toContain('hunter2secret');
    expect(error(42)).toMatch(/^api\.cors\.origins\[1\]: expected an origin like/);
    expect(() => parseConfig({ api: { cors: { origins: '*' } } }, {})).toThrow(/api\.cors\.origins/);
    expect(() => parseConfig({ api: { cors: { origin: ['https://desk.example'] } } }, {})).toThrow(/api\.cors\.origin: unknown key/);
    expect(() => parseConfig({ api: { cors: { origins: ['https://desk.example'], credentials: true } } }, {})).toThrow(/api\.cors\.credentials: unknown key/);
  });

  it('ships config files that validate', () => {
    const shipped = ['config/chronicle.yaml', ...readdirSync('config/examples').map((name) => `config/examples/${name}`)];
    for (const path of shipped) expect(() => loadConfig(path, { required: true, env: {} }), path).not.toThrow();
    expect(loadConfig('config/chronicle.yaml', { required: true, env: {} }).store.url).toBe('pglite://./data/chronicle');
  });
});

import { describe, expect, it } from 'vitest';
import { readdirSync } from 'node:fs';
import { loadConfig, parseConfig, parseDuration } from '../src/config.js';
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

  it('ships config files that validate', () => {
    const shipped = ['config/chronicle.yaml', ...readdirSync('config/examples').map((name) => `config/examples/${name}`)];
    for (const path of shipped) expect(() => loadConfig(path, { required: true, env: {} }), path).not.toThrow();
    expect(loadConfig('config/chronicle.yaml', { required: true, env: {} }).store.url).toBe('pglite://./data/chronicle');
  });
});

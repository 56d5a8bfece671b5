import { describe, expect, it } from 'vitest';
import { parseConfig } from '../src/config.js';
import { parseConfigYaml } from '../src/config-yaml.js';
import { ConfigError } from '../src/errors.js';

const SECRET = 'Zq8vN3xR7tK2mW9p';

function yamlError(text: string): string {
  try {
    parseConfigYaml(text, 'chronicle.yaml');
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as Error).message;
  }
  throw new Error('expected a ConfigError');
}

function configError(document: unknown, env: NodeJS.ProcessEnv = {}): string {
  try {
    parseConfig(document, env);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as Error).message;
  }
  throw new Error('expected a ConfigError');
}

describe('config errors never print a secret', () => {
  it('a YAML error on a token line gives the position and the key, not the line', () => {
    const message = yamlError(`store: { url: "pglite://./data/chronicle" }\napi: { port: 8080, token: ${SECRET}: oops }\n`);
    expect(message).not.toContain(SECRET);
    expect(message).toContain('chronicle.yaml: not valid YAML: line 2, column');
    expect(message).toContain('(key "token")');
    expect(message).toContain('holds a secret');
  });

  it('in block style, for a webhook secret, and for the line before an error at a line start', () => {
    for (const text of [
      `api:\n  port: 8080\n  token: ${SECRET}\n    port: 9090\n`,
      `webhooks:\n  - { id: desk, url: "https://example.org/h", secret: whsec_${SECRET}] }\n`,
      `api:\n  token: "${SECRET}"\n  - port\n`,
    ]) {
      const message = yamlError(text);
      expect(message, text).not.toContain(SECRET);
      expect(message, text).toMatch(/line \d+, column \d+/);
    }
  });

  it('a YAML error on a line with a URL that carries credentials hides the line', () => {
    const message = yamlError(`redis: { url: "redis://:${SECRET}@127.0.0.1:6379" ]\n`);
    expect(message).not.toContain(SECRET);
    expect(message).toContain('(key "url")');
  });

  it('an escape sequence, a tag or an alias quoted by yaml is not printed from a secret line', () => {
    for (const text of [`api: { token: "ab\\${SECRET}" }\n`, `api: { token: !${SECRET} x }\n`, `api: { token: *${SECRET} }\n`]) {
      const message = yamlError(text);
      expect(message, text).not.toContain(SECRET);
    }
  });

  it('other YAML errors keep yaml own message with its code frame', () => {
    const message = yamlError('fetch: { timeoutMs: 100: 200 }\n');
    expect(message).toContain('fetch: { timeoutMs: 100: 200 }');
    expect(message).toContain('at line 1, column');
  });

  it('a zod error under a secret key or on a URL with credentials quotes neither', () => {
    const message = configError({
      api: { token: 42 },
      redis: { url: `http://:${SECRET}@127.0.0.1:6379` },
      webhooks: [{ id: 'w', url: `https://desk:${SECRET}@example.org/h`, secret: SECRET }],
    });
    expect(message).toContain('api.token');
    expect(message).toContain('redis.url');
    expect(message).toContain('webhooks[0].secret');
    expect(message).not.toContain(SECRET);
  });

  it('CHRONICLE_API_TOKEN set but empty is an error naming it, not a fallback to the file token', () => {
    expect(configError({ api: { token: 'from-the-file-0123456789' } }, { CHRONICLE_API_TOKEN: '' })).toMatch(/^CHRONICLE_API_TOKEN: set but empty/);
    expect(configError({}, { CHRONICLE_API_TOKEN: '  ' })).toContain('CHRONICLE_API_TOKEN');
    expect(parseConfig({ api: { token: 'from-the-file-0123456789' } }, {}).api.token).toBe('from-the-file-0123456789');
  });
});

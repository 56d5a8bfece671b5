import { describe, expect, it } from 'vitest';
import { checkApiToken, isLoopbackHost } from '../../src/api/token-policy.js';
import { ConfigError } from '../../src/errors.js';

const STRONG = '9f2c4e1a7b3d5f60';

describe('the api.token rule', () => {
  it('knows loopback addresses from reachable ones', () => {
    for (const host of ['127.0.0.1', '127.1.2.3', '::1', '[::1]', '0:0:0:0:0:0:0:1', '::ffff:127.0.0.1', 'localhost', 'LOCALHOST']) expect(isLoopbackHost(host), host).toBe(true);
    for (const host of ['0.0.0.0', '::', '', '192.168.1.10', '10.0.0.1', 'example.org', '128.0.0.1', '::2', 'localhost.example.org']) expect(isLoopbackHost(host), host).toBe(false);
  });

  it('refuses the example token or a short one beyond loopback, naming api.token', () => {
    for (const token of ['change-me', 'x', '123456789012345']) {
      let caught: unknown;
      try {
        checkApiToken({ host: '0.0.0.0', token });
      } catch (error) {
        caught = error;
      }
      expect(caught, token).toBeInstanceOf(ConfigError);
      expect((caught as Error).message).toMatch(/^api\.token: /);
      expect((caught as Error).message).toContain('16 characters');
    }
  });

  it('never quotes a short token in its message, only the example one', () => {
    expect(() => checkApiToken({ host: '0.0.0.0', token: 'hunter2' })).toThrow(/7 characters long/);
    expect(() => checkApiToken({ host: '0.0.0.0', token: 'hunter2' })).not.toThrow(/hunter2/);
    expect(() => checkApiToken({ host: '0.0.0.0', token: 'change-me' })).toThrow(/example token "change-me"/);
  });

  it('accepts a token of 16 characters or more anywhere', () => {
    expect(checkApiToken({ host: '0.0.0.0', token: STRONG })).toBeNull();
    expect(checkApiToken({ host: '127.0.0.1', token: STRONG })).toBeNull();
  });

  it('on loopback keeps the example token working with a warning', () => {
    expect(checkApiToken({ host: '127.0.0.1', token: 'change-me' })).toMatch(/^api\.token: it is the example token/);
    expect(checkApiToken({ host: 'localhost', token: 'short' })).toMatch(/5 characters long/);
  });
});

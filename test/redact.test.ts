import { describe, expect, it } from 'vitest';
import { isSecretKey, maskUserinfo, redactCredentials, redactUrl } from '../src/redact.js';

describe('redactCredentials', () => {
  it('masks the password of a URL and keeps the user and the address', () => {
    expect(redactUrl('redis://:s3cret@127.0.0.1:6379')).toBe('redis://:***@127.0.0.1:6379');
    expect(redactUrl('postgres://chronicle:s3cret@postgres:5432/chronicle')).toBe('postgres://chronicle:***@postgres:5432/chronicle');
    expect(redactUrl('rediss://default:s3cret@cache.example.org:6380/0')).toBe('rediss://default:***@cache.example.org:6380/0');
  });

  it('masks a lone user part, which is often a token itself', () => {
    expect(redactUrl('https://ghp_abcdef@example.org/hook')).toBe('https://***@example.org/hook');
  });

  it('masks a password that holds an unescaped @ whole, as URL parsers read it', () => {
    expect(redactUrl('redis://:p@ss@127.0.0.1:6379')).toBe('redis://:***@127.0.0.1:6379');
  });

  it('masks every URL of a text and stops at the end of each (JSON fields, quotes, spaces)', () => {
    const line = '{"redis":"redis://:aaa@h:1","db":"postgres://u:bbb@h/db","msg":"No Redis answers at redis://:ccc@h:2. Set REDIS_URL"}';
    const masked = redactCredentials(line);
    for (const secret of ['aaa', 'bbb', 'ccc']) expect(masked).not.toContain(secret);
    expect(masked).toContain('"db":"postgres://u:***@h/db"');
    expect(masked).toContain('Set REDIS_URL"}');
  });

  it('masks ?token= in logs, while maskUserinfo leaves it to the pages that carry it', () => {
    expect(redactCredentials('/admin/queues?token=abc123&x=1')).toBe('/admin/queues?token=***&x=1');
    expect(redactCredentials('{"url":"/?q=kyiv&token=abc123"}')).toBe('{"url":"/?q=kyiv&token=***"}');
    expect(maskUserinfo('/?q=kyiv&token=abc123')).toBe('/?q=kyiv&token=abc123');
  });

  it('leaves text without credentials as it was', () => {
    for (const text of ['https://example.org/a?b=c', 'write to desk@example.org', 'redis://127.0.0.1:6379', 'mailto:desk@example.org']) expect(redactCredentials(text)).toBe(text);
  });

  it('knows the config keys whose values are secrets', () => {
    for (const key of ['token', 'secret', 'password', 'apiKey']) expect(isSecretKey(key)).toBe(true);
    for (const key of ['url', 'id', 'host', 'tokens']) expect(isSecretKey(key)).toBe(false);
  });
});

import { describe, expect, it } from 'vitest';
import { ValidationError } from '../../src/errors.js';
import { assertPublicUrl, isPrivateAddress, type HostLookup } from '../../src/api/public-url.js';

const resolvesTo =
  (table: Record<string, string[]>): HostLookup =>
  async (hostname) => {
    const addresses = table[hostname];
    if (!addresses) throw Object.assign(new Error('not found'), { code: 'ENOTFOUND' });
    return addresses;
  };

describe('isPrivateAddress', () => {
  it.each(['127.0.0.1', '10.0.0.1', '172.16.5.4', '192.168.1.1', '169.254.169.254', '100.64.0.1', '0.0.0.0', '::1', '::', 'fe80::1', 'fd00::1', '::ffff:127.0.0.1', '::ffff:10.0.0.1'])(
    '%s is private',
    (address) => expect(isPrivateAddress(address)).toBe(true),
  );
  it.each(['93.184.215.14', '8.8.8.8', '172.32.0.1', '2606:4700::6810:84e5'])('%s is public', (address) => expect(isPrivateAddress(address)).toBe(false));
});

describe('assertPublicUrl', () => {
  const lookup = resolvesTo({ 'news.example': ['93.184.215.14'], 'intranet.example': ['93.184.215.14', '10.0.0.7'], 'v6.example': ['::1'] });

  it('accepts public literals and names that resolve only to public addresses', async () => {
    await expect(assertPublicUrl('https://93.184.215.14/rss', 'url', lookup)).resolves.toBeUndefined();
    await expect(assertPublicUrl('https://news.example/rss', 'url', lookup)).resolves.toBeUndefined();
  });

  it.each([
    'http://localhost:8080/',
    'http://LOCALHOST./',
    'http://app.localhost/',
    'http://127.0.0.1/',
    'http://2130706433/', // 127.0.0.1 written as one number
    'http://[::1]/',
    'http://[::ffff:7f00:1]/',
    'http://intranet.example/', // one of its addresses is private
    'http://v6.example/',
    'http://nowhere.example/', // does not resolve
  ])('refuses %s, naming the field', async (url) => {
    const error = await assertPublicUrl(url, 'url', lookup).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).field).toBe('url');
  });
});

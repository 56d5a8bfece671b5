import { describe, expect, it } from 'vitest';
import { ValidationError } from '../../src/errors.js';
import { assertPublicUrlField } from '../../src/api/public-url.js';

// Address literals and reserved names only, so that the outcome does not depend on a resolver.
describe('assertPublicUrlField', () => {
  it('accepts a public address', async () => {
    await expect(assertPublicUrlField('https://93.184.215.14/rss', 'url')).resolves.toBeUndefined();
  });

  it.each([
    'http://localhost:8080/',
    'http://LOCALHOST./',
    'http://app.localhost/',
    'http://127.0.0.1/',
    'http://2130706433/', // 127.0.0.1 written as one number
    'http://10.0.0.7/',
    'http://169.254.169.254/latest/meta-data',
    'http://[::1]/',
    'http://[::ffff:7f00:1]/',
    'http://[fd00::1]/',
    'http://nowhere.invalid/', // RFC 6761: never resolves
  ])('refuses %s as a 400 on the given field', async (url) => {
    const error = await assertPublicUrlField(url, 'url').catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).field).toBe('url');
  });
});

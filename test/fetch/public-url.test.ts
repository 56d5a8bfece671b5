import { describe, expect, it } from 'vitest';
import { assertPublicUrl, isPrivateAddress } from '../../src/fetch/public-url.js';

describe('private network guard', () => {
  it('classifies addresses', () => {
    for (const address of ['127.0.0.1', '10.1.2.3', '172.20.0.1', '192.168.1.1', '169.254.169.254', '100.64.0.1', '0.0.0.0', '::1', 'fd00::1', 'fe80::1', '::ffff:127.0.0.1', '::ffff:7f00:1', 'not-an-ip']) {
      expect(isPrivateAddress(address), address).toBe(true);
    }
    for (const address of ['93.184.216.34', '8.8.8.8', '2606:4700::1111', '::ffff:8.8.8.8']) expect(isPrivateAddress(address), address).toBe(false);
  });

  it('refuses loopback and non-http URLs without touching the network', async () => {
    await expect(assertPublicUrl('http://127.0.0.1:8080/feed')).rejects.toMatchObject({ code: 'PRIVATE_NETWORK' });
    await expect(assertPublicUrl('http://[::1]/feed')).rejects.toMatchObject({ code: 'PRIVATE_NETWORK' });
    await expect(assertPublicUrl('http://localhost/feed')).rejects.toMatchObject({ code: 'PRIVATE_NETWORK' });
    await expect(assertPublicUrl('http://api.localhost./feed')).rejects.toMatchObject({ code: 'PRIVATE_NETWORK' });
    await expect(assertPublicUrl('file:///etc/passwd')).rejects.toMatchObject({ code: 'INVALID_URL' });
    await expect(assertPublicUrl('http://93.184.216.34/feed')).resolves.toBeUndefined();
  });
});

import { describe, expect, it } from 'vitest';
import { assertPublicUrl, isPrivateAddress } from '../../src/fetch/public-url.js';

const refused = (addresses: string[]) => {
  for (const address of addresses) expect(isPrivateAddress(address), address).toBe(true);
};
const allowed = (addresses: string[]) => {
  for (const address of addresses) expect(isPrivateAddress(address), address).toBe(false);
};

describe('private network guard', () => {
  it('classifies addresses', () => {
    refused(['127.0.0.1', '10.1.2.3', '172.20.0.1', '192.168.1.1', '169.254.169.254', '100.64.0.1', '0.0.0.0', '::1', 'fd00::1', 'fe80::1', '::ffff:127.0.0.1', '::ffff:7f00:1', 'not-an-ip']);
    allowed(['93.184.216.34', '8.8.8.8', '2606:4700::1111', '::ffff:8.8.8.8']);
  });

  it('refuses the IPv6 forms that reach IPv4 or private space', () => {
    // IPv4-compatible (::/96, deprecated by RFC 4291), public embedded address or not.
    refused(['::127.0.0.1', '::7f00:1', '::a9fe:a9fe', '::8.8.8.8', '::', '::2']);
    // IPv4-mapped: the embedded address decides.
    refused(['::ffff:10.0.0.1', '::ffff:169.254.169.254', '::FFFF:C0A8:0101', '0:0:0:0:0:ffff:7f00:1']);
    // SIIT / IPv4-translated, ::ffff:0:0:0/96 (RFC 2765).
    refused(['::ffff:0:127.0.0.1', '::ffff:0:7f00:1', '::ffff:0:8.8.8.8']);
    // 6to4, 2002::/16 (RFC 7526 deprecates it; refused whole).
    refused(['2002:7f00:1::1', '2002:a9fe:a9fe::', '2002:808:808::1']);
    // Teredo 2001::/32, benchmarking 2001:2::/48, ORCHID 2001:10::/28, ORCHIDv2 2001:20::/28, the rest of 2001::/23.
    refused(['2001::1', '2001:0:4136:e378:8000:63bf:3fff:fdd2', '2001:2::1', '2001:10::1', '2001:1f::1', '2001:20::1', '2001:2f:ffff::1', '2001:1ff::1']);
    // NAT64: the well-known prefix embeds an IPv4 address (checked); local-use 64:ff9b:1::/48 is refused whole.
    refused(['64:ff9b::127.0.0.1', '64:ff9b::a00:1', '64:ff9b::169.254.169.254', '64:ff9b:1::8.8.8.8', '64:ff9b:1:ffff::1']);
    allowed(['64:ff9b::8.8.8.8', '64:ff9b::5db8:d822']);
    // Discard-only 100::/64, dummy prefix 100:0:0:1::/64, documentation 2001:db8::/32 and 3fff::/20, SRv6 SIDs 5f00::/16.
    refused(['100::1', '100::ffff:ffff:ffff:ffff', '100:0:0:1::1', '2001:db8::1', '3fff::1', '3fff:fff:ffff::1', '5f00::1']);
    // Unique-local, link-local (with a zone), site-local, multicast, unallocated space outside 2000::/3.
    refused(['fc00::1', 'fdff::1', 'fe80::1%eth0', 'febf::1', 'fec0::1', 'ff02::1', 'ff0e::1', '4000::1', 'e000::1']);
    // Global unicast stays allowed, just past the refused blocks too.
    allowed(['2001:200::1', '2001:4860:4860::8888', '2003::1', '2a00:1450:4001::1', '3ffe::1', '3fff:1000::1']);
  });

  it('refuses loopback and non-http URLs without touching the network', async () => {
    await expect(assertPublicUrl('http://127.0.0.1:8080/feed')).rejects.toMatchObject({ code: 'PRIVATE_NETWORK' });
    await expect(assertPublicUrl('http://[::1]/feed')).rejects.toMatchObject({ code: 'PRIVATE_NETWORK' });
    await expect(assertPublicUrl('http://[::127.0.0.1]/feed')).rejects.toMatchObject({ code: 'PRIVATE_NETWORK' });
    await expect(assertPublicUrl('http://[2002:7f00:1::1]/feed')).rejects.toMatchObject({ code: 'PRIVATE_NETWORK' });
    await expect(assertPublicUrl('http://localhost/feed')).rejects.toMatchObject({ code: 'PRIVATE_NETWORK' });
    await expect(assertPublicUrl('http://api.localhost./feed')).rejects.toMatchObject({ code: 'PRIVATE_NETWORK' });
    await expect(assertPublicUrl('file:///etc/passwd')).rejects.toMatchObject({ code: 'INVALID_URL' });
    await expect(assertPublicUrl('http://93.184.216.34/feed')).resolves.toBeUndefined();
  });
});

import { lookup } from 'node:dns/promises';
import { BlockList, isIP } from 'node:net';
import { ValidationError } from '../errors.js';

/**
 * Refuses URLs that point into the operator's own network. Sources and webhooks created through
 * the API make chronicle send requests on a caller's behalf; without this check a token holder
 * could reach 127.0.0.1, cloud metadata (169.254.169.254) or the LAN (server-side request
 * forgery). This is the creation-time check; a fetcher that wants to stop DNS rebinding must
 * check the address it actually connects to as well.
 */

const PRIVATE_V4: readonly [string, number][] = [
  ['0.0.0.0', 8], // "this network"
  ['10.0.0.0', 8],
  ['100.64.0.0', 10], // carrier-grade NAT (RFC 6598)
  ['127.0.0.0', 8],
  ['169.254.0.0', 16], // link-local, cloud metadata endpoints
  ['172.16.0.0', 12],
  ['192.0.0.0', 24], // IETF protocol assignments
  ['192.168.0.0', 16],
  ['198.18.0.0', 15], // benchmarking (RFC 2544)
  ['224.0.0.0', 4], // multicast
  ['240.0.0.0', 4], // reserved, and 255.255.255.255
];

const PRIVATE_V6: readonly [string, number][] = [
  ['::', 128],
  ['::1', 128],
  ['fc00::', 7], // unique local
  ['fe80::', 10], // link-local
  ['ff00::', 8], // multicast
];

const privateRanges = buildBlockList();

function buildBlockList(): BlockList {
  const list = new BlockList();
  for (const [network, prefix] of PRIVATE_V4) list.addSubnet(network, prefix, 'ipv4');
  for (const [network, prefix] of PRIVATE_V6) list.addSubnet(network, prefix, 'ipv6');
  return list;
}

/** Whether an IP literal is loopback, private, link-local or otherwise not on the internet. */
export function isPrivateAddress(address: string): boolean {
  const family = isIP(address);
  if (family === 0) return false;
  // BlockList also matches IPv4-mapped IPv6 (::ffff:127.0.0.1) against the IPv4 ranges.
  return privateRanges.check(address, family === 4 ? 'ipv4' : 'ipv6');
}

export type HostLookup = (hostname: string) => Promise<string[]>;

const systemLookup: HostLookup = async (hostname) => (await lookup(hostname, { all: true, verbatim: true })).map((entry) => entry.address);

/**
 * Throws a ValidationError naming `field` when the URL's host is a private IP literal,
 * `localhost`, or a name any of whose addresses is private. A name that does not resolve is
 * refused too: nothing could be fetched from it, and it may be an internal-only name.
 */
export async function assertPublicUrl(url: string, field = 'url', resolve: HostLookup = systemLookup): Promise<void> {
  const hostname = hostOf(url, field);
  if (hostname === 'localhost' || hostname.endsWith('.localhost')) throw new ValidationError(field, `${hostname} is a local host`);
  if (isIP(hostname)) {
    if (isPrivateAddress(hostname)) throw new ValidationError(field, `${hostname} is a private or loopback address`);
    return;
  }
  let addresses: string[];
  try {
    addresses = await resolve(hostname);
  } catch (error) {
    throw new ValidationError(field, `cannot resolve ${hostname} (${(error as NodeJS.ErrnoException).code ?? 'lookup failed'})`);
  }
  const inside = addresses.find(isPrivateAddress);
  if (inside) throw new ValidationError(field, `${hostname} resolves to ${inside}, a private or loopback address`);
}

function hostOf(url: string, field: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new ValidationError(field, 'expected an absolute URL');
  }
  // WHATWG URL keeps IPv6 literals in brackets and a fully qualified name's trailing dot.
  return parsed.hostname.replace(/^\[|\]$/g, '').replace(/\.$/, '').toLowerCase();
}

import { lookup } from 'node:dns/promises';
import { BlockList, isIP, type LookupFunction } from 'node:net';
import { lookup as lookupCallback } from 'node:dns';
import { PermanentFetchError } from '../errors.js';

/**
 * Server-side request forgery guard for URLs that come from API users (sources and webhooks
 * created through /v1/…): refuse hosts that resolve to loopback, private, link-local (cloud
 * metadata at 169.254.169.254), carrier-grade NAT, multicast or reserved ranges (IANA special-
 * purpose registries, RFC 6890). Config-file sources and tests on 127.0.0.1 do not go through it.
 */
const PRIVATE = new BlockList();
for (const [network, prefix] of [
  ['0.0.0.0', 8], ['10.0.0.0', 8], ['100.64.0.0', 10], ['127.0.0.0', 8], ['169.254.0.0', 16], ['172.16.0.0', 12], ['192.0.0.0', 24],
  ['192.0.2.0', 24], ['192.88.99.0', 24], ['192.168.0.0', 16], ['198.18.0.0', 15], ['198.51.100.0', 24], ['203.0.113.0', 24], ['224.0.0.0', 4], ['240.0.0.0', 4],
] as const) PRIVATE.addSubnet(network, prefix, 'ipv4');
for (const [network, prefix] of [
  ['::', 128], ['::1', 128], ['64:ff9b::', 96], ['100::', 64], ['2001:db8::', 32], ['fc00::', 7], ['fe80::', 10], ['fec0::', 10], ['ff00::', 8],
] as const) PRIVATE.addSubnet(network, prefix, 'ipv6');

export function isPrivateAddress(address: string): boolean {
  const family = isIP(address);
  if (family === 4) return PRIVATE.check(address, 'ipv4');
  if (family !== 6) return true; // not an address at all: refuse rather than guess
  const mapped = mappedIpv4(address.toLowerCase());
  return mapped ? PRIVATE.check(mapped, 'ipv4') : PRIVATE.check(address, 'ipv6');
}

/** `::ffff:127.0.0.1` and its hex spelling `::ffff:7f00:1` reach the IPv4 host. */
function mappedIpv4(address: string): string | null {
  const dotted = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(address);
  if (dotted) return dotted[1];
  const hex = /^::ffff:([0-9a-f]{1,4}):([0-9a-f]{1,4})$/.exec(address);
  if (!hex) return null;
  const high = parseInt(hex[1], 16);
  const low = parseInt(hex[2], 16);
  return `${high >> 8}.${high & 255}.${low >> 8}.${low & 255}`;
}

/**
 * Throws PermanentFetchError('PRIVATE_NETWORK' | 'INVALID_URL' | 'UNRESOLVABLE_HOST') unless `url`
 * is http(s) and every address its host resolves to is public. The API layer calls it before
 * accepting a source or webhook; map the error to a 400 on the `url` field.
 */
export async function assertPublicUrl(url: string): Promise<void> {
  const parsed = parseHttpUrl(url);
  const host = parsed.hostname.replace(/^\[|\]$/g, '').replace(/\.$/, '');
  // RFC 6761 §6.3: every *.localhost name is loopback, whatever this machine's resolver says.
  if (host === 'localhost' || host.endsWith('.localhost')) throw new PermanentFetchError('PRIVATE_NETWORK', `${host} is a loopback name`);
  let addresses: string[];
  try {
    addresses = isIP(host) ? [host] : (await lookup(host, { all: true, verbatim: true })).map((entry) => entry.address);
  } catch (error) {
    throw new PermanentFetchError('UNRESOLVABLE_HOST', `cannot resolve ${host}: ${(error as Error).message}`);
  }
  const refused = addresses.find(isPrivateAddress);
  if (refused) throw new PermanentFetchError('PRIVATE_NETWORK', `${host} resolves to a private or reserved address (${refused})`);
}

/**
 * A `lookup` for socket connections that fails on private addresses: checked at connect time,
 * it also catches DNS answers that change between assertPublicUrl and the request (rebinding).
 */
export const publicOnlyLookup: LookupFunction = (hostname, options, callback) => {
  lookupCallback(hostname, { ...options, all: true }, (error, addresses) => {
    if (error) return callback(error, '', 4);
    const list = addresses as unknown as { address: string; family: number }[];
    const refused = list.find((entry) => isPrivateAddress(entry.address));
    if (refused || list.length === 0) {
      const failure = Object.assign(new Error(`${hostname} resolves to a private or reserved address (${refused?.address ?? 'none'})`), { code: 'PRIVATE_NETWORK' });
      return callback(failure, '', 4);
    }
    if ((options as { all?: boolean }).all) return (callback as unknown as (e: null, a: typeof list) => void)(null, list);
    callback(null, list[0].address, list[0].family);
  });
};

/** An absolute http(s) URL, or PermanentFetchError('INVALID_URL') naming what is wrong. */
export function parseHttpUrl(url: string): URL {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new PermanentFetchError('INVALID_URL', `not an absolute URL: ${url}`);
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') throw new PermanentFetchError('INVALID_URL', `not an http(s) URL: ${url}`);
  return parsed;
}

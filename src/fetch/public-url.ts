import { lookup } from 'node:dns/promises';
import { BlockList, isIP, type LookupFunction } from 'node:net';
import { lookup as lookupCallback } from 'node:dns';
import { Agent, buildConnector } from 'undici';
import { PermanentFetchError } from '../errors.js';

/**
 * The server-side request forgery guard: the one place that decides whether an address may be
 * contacted on behalf of data nobody vouches for (sources and webhooks created through /v1/…,
 * and what their fetched documents point to). Refused: loopback, private, link-local (cloud
 * metadata at 169.254.169.254), carrier-grade NAT, multicast, documentation and reserved
 * ranges, i.e. what the IANA special-purpose registries (RFC 6890) do not mark globally
 * reachable. Who is trusted (the config file's own hosts) is decided by the caller; how it is
 * applied: `assertPublicUrl` before a request is sent, and `publicOnlyAgent` at connect time.
 */
const PRIVATE_IPV4 = new BlockList();
for (const [network, prefix] of [
  ['0.0.0.0', 8], ['10.0.0.0', 8], ['100.64.0.0', 10], ['127.0.0.0', 8], ['169.254.0.0', 16], ['172.16.0.0', 12], ['192.0.0.0', 24],
  ['192.0.2.0', 24], ['192.88.99.0', 24], ['192.168.0.0', 16], ['198.18.0.0', 15], ['198.51.100.0', 24], ['203.0.113.0', 24], ['224.0.0.0', 4], ['240.0.0.0', 4],
] as const) PRIVATE_IPV4.addSubnet(network, prefix, 'ipv4');

/**
 * Inside 2000::/3 (global unicast), the blocks that are not: the IETF protocol assignments
 * 2001::/23 as a whole (Teredo 2001::/32 tunnels to an IPv4 host, benchmarking 2001:2::/48,
 * ORCHID 2001:10::/28 and ORCHIDv2 2001:20::/28 are identifiers that are not routable; no news
 * site or webhook receiver lives in the rest), documentation 2001:db8::/32 and 3fff::/20
 * (RFC 9637), and 6to4 2002::/16 (deprecated by RFC 7526; it embeds an IPv4 address that the
 * relay would reach, so it is refused whole rather than trusted to a relay).
 */
const NOT_GLOBAL_IN_2000_3 = new BlockList();
for (const [network, prefix] of [['2001::', 23], ['2001:db8::', 32], ['2002::', 16], ['3fff::', 20]] as const) NOT_GLOBAL_IN_2000_3.addSubnet(network, prefix, 'ipv6');

export function isPrivateAddress(address: string): boolean {
  const bare = address.replace(/%.*$/, ''); // a zone id (fe80::1%eth0) names an interface, not an address
  const family = isIP(bare);
  if (family === 4) return PRIVATE_IPV4.check(bare, 'ipv4');
  if (family !== 6) return true; // not an address at all: refuse rather than guess
  const groups = ipv6Groups(bare);
  const embedded = embeddedIpv4(groups);
  if (embedded !== null) return PRIVATE_IPV4.check(embedded, 'ipv4');
  // IANA allocates global unicast from 2000::/3 only; everything outside it is loopback,
  // unspecified, IPv4-compatible (::/96) or -translated (SIIT ::ffff:0:0:0/96), discard
  // (100::/64), NAT64 local-use (64:ff9b:1::/48), SRv6 SIDs (5f00::/16), unique-local,
  // link-local, site-local, multicast or not allocated at all.
  if ((groups[0] & 0xe000) !== 0x2000) return true;
  return NOT_GLOBAL_IN_2000_3.check(bare, 'ipv6');
}

/**
 * The IPv4 address that an IPv6 address stands for, where the host reached is that IPv4 host:
 * IPv4-mapped `::ffff:a.b.c.d` (a dual-stack socket connects to a.b.c.d) and the NAT64 well-known
 * prefix `64:ff9b::a.b.c.d` (RFC 6052; DNS64 networks synthesize it for every IPv4-only site, so
 * refusing it whole would refuse the whole IPv4 web there). Checked by the IPv4 rules.
 */
function embeddedIpv4(groups: number[]): string | null {
  const mapped = groups.slice(0, 5).every((group) => group === 0) && groups[5] === 0xffff;
  const nat64 = groups[0] === 0x64 && groups[1] === 0xff9b && groups.slice(2, 6).every((group) => group === 0);
  if (!mapped && !nat64) return null;
  return [groups[6] >> 8, groups[6] & 255, groups[7] >> 8, groups[7] & 255].join('.');
}

/** The eight 16-bit groups of a valid IPv6 address (`::` expanded, a trailing dotted quad as two groups). */
function ipv6Groups(address: string): number[] {
  let text = address.toLowerCase();
  const dotted = /(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(text);
  if (dotted) {
    const [a, b, c, d] = dotted.slice(1).map(Number);
    text = `${text.slice(0, dotted.index)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const [head, tail] = text.split('::');
  const parse = (part: string | undefined) => (part ? part.split(':').map((group) => parseInt(group, 16)) : []);
  const front = parse(head);
  const back = parse(tail);
  return tail === undefined ? front : [...front, ...new Array<number>(8 - front.length - back.length).fill(0), ...back];
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
  if (refused) throw new PermanentFetchError('PRIVATE_NETWORK', isIP(host) ? `${host} is a private or reserved address` : `${host} resolves to a private or reserved address (${refused})`);
}

/**
 * A `lookup` for socket connections that fails on private addresses: checked at connect time,
 * it also catches DNS answers that change between assertPublicUrl and the request (rebinding),
 * and the socket connects to exactly the addresses it checked.
 */
const publicOnlyLookup: LookupFunction = (hostname, options, callback) => {
  lookupCallback(hostname, { ...options, all: true }, (error, addresses) => {
    if (error) return callback(error, '', 4);
    const list = addresses as unknown as { address: string; family: number }[];
    const refused = list.find((entry) => isPrivateAddress(entry.address));
    if (refused || list.length === 0) return callback(privateNetworkError(`${hostname} resolves to a private or reserved address (${refused?.address ?? 'none'})`), '', 4);
    if ((options as { all?: boolean }).all) return (callback as unknown as (e: null, a: typeof list) => void)(null, list);
    callback(null, list[0].address, list[0].family);
  });
};

/**
 * An undici Agent that refuses, at connect time, every private address: a host given as an IP
 * literal (sockets skip `lookup` for those) and every address a name resolves to. Every request
 * that no config entry vouches for goes through one of these, whatever checks ran before it.
 */
export function publicOnlyAgent(options: Omit<Agent.Options, 'connect'> & { connectTimeoutMs: number }): Agent {
  const { connectTimeoutMs, ...agentOptions } = options;
  const connect = buildConnector({ timeout: connectTimeoutMs, lookup: publicOnlyLookup });
  const guarded: buildConnector.connector = (target, callback) => {
    const host = target.hostname.replace(/^\[|\]$/g, '');
    if (isIP(host.replace(/%.*$/, '')) && isPrivateAddress(host)) return callback(privateNetworkError(`${host} is a private or reserved address`), null);
    return connect(target, callback);
  };
  return new Agent({ ...agentOptions, connect: guarded });
}

/** Carries the code the Fetcher and the webhook client report (PRIVATE_NETWORK), with nothing sent. */
function privateNetworkError(message: string): Error {
  return Object.assign(new Error(message), { code: 'PRIVATE_NETWORK' });
}

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

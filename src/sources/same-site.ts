import { getDomain } from 'tldts';

/**
 * Whether two URLs belong to one site: the same registrable domain by the Public Suffix List
 * (www.example.co.uk and news.example.co.uk are one site; a.github.io and b.github.io are two).
 * A host with no registrable domain (an IP address, `localhost`) is a site of its own: it
 * matches only itself. A page's rel=canonical is trusted only within its own site (RFC 6596 §3
 * allows cross-domain canonicals, but nothing stops a hostile page from claiming someone
 * else's story, and trusting that claim suppressed the real article).
 */
/** The PSL's private section too: blogs on a shared host (a.github.io, b.blogspot.com) are sites of their own. */
const PSL_OPTIONS = { allowPrivateDomains: true };

export function isSameSite(a: string, b: string): boolean {
  const hostA = hostOf(a);
  const hostB = hostOf(b);
  if (hostA === null || hostB === null) return false;
  if (hostA === hostB) return true;
  const siteA = getDomain(hostA, PSL_OPTIONS);
  return siteA !== null && siteA === getDomain(hostB, PSL_OPTIONS);
}

function hostOf(url: string): string | null {
  try {
    return new URL(url).hostname.replace(/\.$/, '').toLowerCase();
  } catch {
    return null;
  }
}

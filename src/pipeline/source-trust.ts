/**
 * Which hosts a source's fetches may reach on private addresses (FetchRequest.trustedHosts).
 *
 * The config file is the operator's own: a config source's host is trusted, so a feed on
 * 127.0.0.1 or on the intranet works as documented. Only that host, though: the feed's content
 * is not the operator's. A feed, sitemap or listing page, or a redirect, that points at another
 * host (an autodiscovered feed elsewhere, item links, `http://169.254.169.254/…`) is data from
 * the web, so those hosts must be public like any API input. Trusting every host a trusted feed
 * lists would let whoever writes that feed (or compromises it) aim the service at the
 * operator's network.
 *
 * Sources created through the API trust nothing; neither do articles whose source is gone
 * (deleted: nobody vouches for them any more), so `null` trusts nothing. Whether untrusted
 * hosts are then refused is `security.allowPrivateNetworks`, which the Fetcher applies.
 */
export function trustedHostsOf(source: { origin: 'config' | 'api'; url: string } | null): string[] {
  if (source?.origin !== 'config') return [];
  return [new URL(source.url).host];
}

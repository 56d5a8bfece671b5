import { describe, expect, it } from 'vitest';
import { canonicalFromHtml, canonicalizeUrl } from '../../src/sources/canonical-url.js';

describe('canonicalizeUrl', () => {
  it('lowercases scheme and host, drops default ports and fragments', () => {
    expect(canonicalizeUrl('HTTPS://News.Example.COM:443/World/Story#comments')).toBe('https://news.example.com/World/Story');
    expect(canonicalizeUrl('http://example.com:80/a')).toBe('http://example.com/a');
    expect(canonicalizeUrl('http://example.com:8080/a')).toBe('http://example.com:8080/a');
  });

  it('drops tracking parameters and sorts the rest', () => {
    expect(canonicalizeUrl('https://x.com/a?utm_source=tw&b=2&fbclid=1&a=1&gclid=z&mc_cid=q&mc_eid=r&UTM_Medium=m')).toBe('https://x.com/a?a=1&b=2');
    expect(canonicalizeUrl('https://x.com/a?utm_source=rss')).toBe('https://x.com/a');
  });

  it('keeps trailing-slash semantics and the scheme', () => {
    expect(canonicalizeUrl('https://x.com/a/')).toBe('https://x.com/a/');
    expect(canonicalizeUrl('https://x.com/a')).toBe('https://x.com/a');
    expect(canonicalizeUrl('https://x.com')).toBe('https://x.com/');
    expect(canonicalizeUrl('http://x.com/a')).not.toBe(canonicalizeUrl('https://x.com/a'));
  });

  it('drops credentials and rejects non-http URLs', () => {
    expect(canonicalizeUrl('https://u:p@x.com/a')).toBe('https://x.com/a');
    expect(() => canonicalizeUrl('ftp://x.com/a')).toThrow(TypeError);
    expect(() => canonicalizeUrl('/relative')).toThrow(TypeError);
  });
});

describe('canonicalFromHtml', () => {
  it('reads rel=canonical, resolved and canonicalized', () => {
    const html = '<html><head><link rel="canonical" href="/world/talks-resume?utm_campaign=x#top"></head></html>';
    expect(canonicalFromHtml(html, 'https://news.example.com/amp/world/talks-resume')).toBe('https://news.example.com/world/talks-resume');
  });

  it('ignores a canonical that points an article at the home page', () => {
    expect(canonicalFromHtml('<link rel="canonical" href="https://news.example.com/">', 'https://news.example.com/world/story')).toBeNull();
  });

  it('is null without one', () => {
    expect(canonicalFromHtml('<html><head><title>t</title></head></html>', 'https://x.com/a')).toBeNull();
  });
});

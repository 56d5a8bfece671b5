import { describe, expect, it } from 'vitest';
import { decodeBody } from '../../src/fetch/decode-body.js';
import { parseFeed } from '../../src/sources/parse-feed.js';
import { parseSitemap } from '../../src/sources/parse-sitemap.js';

/** What the discover stage sees: bytes decoded by decodeBody, then parsed. */
const asFetched = (text: string, contentType = 'application/rss+xml') => decodeBody(Buffer.from(text, 'utf8'), contentType).text;

describe('NUL and other invalid code points in feeds never cost the other items', () => {
  it('drops a raw NUL in an RSS title and keeps every item', () => {
    const feed = asFetched(`<?xml version="1.0"?><rss version="2.0"><channel><title>t</title>
<item><title>Talks\u0000 resume</title><link>https://news.example/a</link></item>
<item><title>Second</title><link>https://news.example/b</link></item></channel></rss>`);
    const parsed = parseFeed(feed, 'https://news.example/rss');
    expect(parsed.items.map((item) => item.title)).toEqual(['Talks resume', 'Second']);
    expect(parsed.warnings).toEqual([]);
  });

  it('drops what JSON escapes and XML character references expand to', () => {
    const json = parseFeed(
      asFetched(JSON.stringify({ version: 'https://jsonfeed.org/version/1.1', items: [{ id: 'a\u0000', url: 'https://news.example/a', title: 'Plan\u0000 \uD800agreed' }, { id: 'b', url: 'https://news.example/b', title: 'Fine' }] }), 'application/feed+json'),
      'https://news.example/feed.json',
    );
    expect(json.items.map((item) => [item.title, item.guid])).toEqual([['Plan agreed', 'a'], ['Fine', 'b']]);
    const atom = parseFeed(
      asFetched(`<feed xmlns="http://www.w3.org/2005/Atom"><title>t</title>
<entry><title type="html">Bad &amp;#1;title&amp;#xFFFF;</title><id>x&#1;</id><link href="https://news.example/c"/></entry></feed>`),
      'https://news.example/atom',
    );
    expect(atom.items).toHaveLength(1);
    expect(atom.items[0].title).toBe('Bad title');
    expect(atom.items[0].guid).not.toMatch(/[\u0000-\u0008]/);
  });

  it('drops NUL bytes in a sitemap', () => {
    const sitemap = parseSitemap(
      asFetched(`<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">
<url><loc>https://news.example/a</loc><news:news><news:title>A\u0000 story</news:title></news:news></url>
<url><loc>https://news.example/b</loc></url></urlset>`, 'application/xml'),
      'https://news.example/sitemap.xml',
    );
    expect(JSON.stringify(sitemap)).not.toContain('\\u0000');
    expect(JSON.stringify(sitemap)).toContain('A story');
  });

  it('decodeBody drops NUL from pages in any charset', () => {
    expect(decodeBody(Buffer.from('<p>a\u0000b</p>', 'utf8'), 'text/html').text).toBe('<p>ab</p>');
    expect(decodeBody(Buffer.from([0x3c, 0x70, 0x3e, 0x00, 0xe9, 0x3c]), 'text/html; charset=windows-1252').text).toBe('<p>é<');
    expect(decodeBody(Buffer.from('\uFEFFa\u0000b', 'utf16le'), null).text).toBe('ab');
  });
});

import { describe, expect, it } from 'vitest';
import { PermanentFetchError } from '../../src/errors.js';
import { parseFeed } from '../../src/sources/parse-feed.js';
import { manyItemsRss, rss2 } from './support/feed-builders.js';

const BASE = 'https://news.example.com/rss';

describe('parseFeed: RSS 2.0', () => {
  it('reads links, titles, dates and guids; canonicalizes links', () => {
    const feed = parseFeed(
      rss2([
        { title: 'Talks resume &amp; continue', link: 'https://news.example.com/a?utm_source=rss#x', pubDate: 'Thu, 20 Nov 2025 10:00:00 GMT', guid: '123' },
        { title: '<![CDATA[<b>Second</b> story]]>', link: '/b', pubDate: 'Thu, 20 Nov 2025 12:00:00 CET' },
      ]),
      BASE,
    );
    expect(feed.format).toBe('rss');
    expect(feed.items).toEqual([
      { url: 'https://news.example.com/a?utm_source=rss#x', canonicalUrl: 'https://news.example.com/a', title: 'Talks resume & continue', publishedAt: '2025-11-20T10:00:00.000Z', updatedAt: null, guid: '123' },
      { url: 'https://news.example.com/b', canonicalUrl: 'https://news.example.com/b', title: 'Second story', publishedAt: '2025-11-20T11:00:00.000Z', updatedAt: null, guid: null },
    ]);
  });

  it('reads <ttl> and falls back to a permalink guid', () => {
    const xml = `<rss version="2.0"><channel><title>t</title><ttl>15</ttl><item><guid>https://x.com/story-one</guid><title>One</title></item></channel></rss>`;
    const feed = parseFeed(xml, BASE);
    expect(feed.ttlMinutes).toBe(15);
    expect(feed.items[0].url).toBe('https://x.com/story-one');
  });

  it('reads RSS 0.91 and a single-item channel', () => {
    const xml = `<?xml version="1.0"?><!DOCTYPE rss PUBLIC "-//Netscape Communications//DTD RSS 0.91//EN" "http://my.netscape.com/publish/formats/rss-0.91.dtd">
<rss version="0.91"><channel><title>Old</title><link>http://old.example.com/</link><item><title>Only</title><link>http://old.example.com/only-story</link></item></channel></rss>`;
    expect(parseFeed(xml, BASE).items.map((item) => item.url)).toEqual(['http://old.example.com/only-story']);
  });

  it('prefers FeedBurner origLink over the redirector link', () => {
    const xml = `<rss version="2.0" xmlns:feedburner="http://rssnamespace.org/feedburner/ext/1.0"><channel><item><link>https://feeds.feedburner.com/~r/x/~3/abc</link><feedburner:origLink>https://news.example.com/real</feedburner:origLink></item></channel></rss>`;
    expect(parseFeed(xml, BASE).items[0].url).toBe('https://news.example.com/real');
  });

  it('parses 5,000 items quickly', () => {
    const xml = manyItemsRss(5000);
    parseFeed(manyItemsRss(10), BASE); // warm-up: the figure should be parsing, not first-call compilation
    const started = performance.now();
    const feed = parseFeed(xml, BASE);
    expect(feed.items).toHaveLength(5000);
    const elapsed = performance.now() - started;
    // ~200 ms on an idle core; the bound leaves room for a loaded CI machine running other suites.
    expect(elapsed).toBeLessThan(3000);
    console.info(`5,000-item feed parsed in ${Math.round(elapsed)} ms`);
  });
});

describe('parseFeed: RSS 1.0 (RDF)', () => {
  it('reads items outside the channel, dc:date and the syndication period', () => {
    const xml = `<?xml version="1.0"?>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:sy="http://purl.org/rss/1.0/modules/syndication/">
<channel rdf:about="https://x.com/"><title>RDF</title><sy:updatePeriod>hourly</sy:updatePeriod><sy:updateFrequency>2</sy:updateFrequency></channel>
<item rdf:about="https://x.com/one"><title>One</title><link>https://x.com/one</link><dc:date>2025-11-20T10:00:00+02:00</dc:date></item>
<item rdf:about="https://x.com/two"><title>Two</title></item>
</rdf:RDF>`;
    const feed = parseFeed(xml, BASE);
    expect(feed.format).toBe('rdf');
    expect(feed.ttlMinutes).toBe(30);
    expect(feed.items.map((item) => [item.url, item.publishedAt])).toEqual([
      ['https://x.com/one', '2025-11-20T08:00:00.000Z'],
      ['https://x.com/two', null],
    ]);
  });
});

describe('parseFeed: Atom', () => {
  it('reads the alternate link, id, published and updated, html titles', () => {
    const xml = `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:base="https://atom.example.org/news/">
<title>Atom</title>
<entry><title type="html">Talks &lt;em&gt;resume&lt;/em&gt;</title><id>tag:x,2025:1</id>
<link rel="self" href="https://atom.example.org/api/1"/><link rel="alternate" type="text/html" href="talks-resume"/>
<published>2025-11-20T10:00:00Z</published><updated>2025-11-21T10:00:00Z</updated></entry>
<entry><title type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml">Second <b>entry</b></div></title><id>2</id><link href="https://atom.example.org/second"/><updated>2025-11-20T09:00:00Z</updated></entry>
</feed>`;
    const feed = parseFeed(xml, BASE);
    expect(feed.format).toBe('atom');
    expect(feed.items[0]).toEqual({
      url: 'https://atom.example.org/news/talks-resume', canonicalUrl: 'https://atom.example.org/news/talks-resume', title: 'Talks resume',
      publishedAt: '2025-11-20T10:00:00.000Z', updatedAt: '2025-11-21T10:00:00.000Z', guid: 'tag:x,2025:1',
    });
    expect(feed.items[1]).toMatchObject({ url: 'https://atom.example.org/second', publishedAt: '2025-11-20T09:00:00.000Z' });
    expect(feed.items[1].title).toContain('Second');
  });
});

describe('parseFeed: article bodies', () => {
  it('is not sunk by deeply nested markup in content or description', () => {
    const deep = '<div>'.repeat(150) + 'x' + '</div>'.repeat(150);
    const atom = `<feed xmlns="http://www.w3.org/2005/Atom"><entry><id>1</id><title>T</title><link href="https://x.com/a"/><content type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml">${deep}</div></content></entry></feed>`;
    const rss = `<rss xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel><item><title>T</title><link>https://x.com/b</link><content:encoded>${deep}</content:encoded><description>${deep}</description></item></channel></rss>`;
    expect(parseFeed(atom, BASE).items.map((item) => item.url)).toEqual(['https://x.com/a']);
    expect(parseFeed(rss, BASE).items.map((item) => item.url)).toEqual(['https://x.com/b']);
  });
});

describe('parseFeed: JSON Feed', () => {
  it('reads items', () => {
    const json = JSON.stringify({
      version: 'https://jsonfeed.org/version/1.1', title: 'JSON',
      items: [{ id: 1, url: 'https://j.example.com/one', title: 'One', date_published: '2025-11-20T10:00:00Z' }, { id: '2', external_url: '/two' }, { id: '3' }],
    });
    const feed = parseFeed(json, 'https://j.example.com/feed.json');
    expect(feed.format).toBe('json');
    expect(feed.items.map((item) => [item.url, item.guid])).toEqual([['https://j.example.com/one', '1'], ['https://j.example.com/two', '2']]);
    expect(feed.warnings).toEqual(['1 items without a usable http(s) link were skipped']);
  });
});

describe('parseFeed: malformed documents', () => {
  it('salvages the items of a feed with an unclosed tag, with a warning', () => {
    const xml = rss2([{ title: 'One', link: 'https://x.com/one' }, { title: 'Two', link: 'https://x.com/two' }]).replace('</channel></rss>', '<item><title>broken</item></channel></rss>');
    const feed = parseFeed(xml, BASE);
    expect(feed.items.map((item) => item.url).slice(0, 2)).toEqual(['https://x.com/one', 'https://x.com/two']);
    expect(feed.warnings[0]).toMatch(/^malformed feed \(line \d+: .+\); \d+ items salvaged$/);
  });

  it('names a truncated document as such', () => {
    const xml = rss2([{ title: 'One', link: 'https://x.com/one' }, { title: 'Two', link: 'https://x.com/two' }]).replace(/<\/channel><\/rss>$/, '');
    expect(parseFeed(xml, BASE).warnings[0]).toMatch(/unclosed <rss> <channel> \(document truncated\?\)/);
  });

  it('throws MALFORMED_FEED with a reason when nothing is salvageable', () => {
    for (const text of ['<rss><channel><item><title>x</rss', 'this is not xml', '{"items": "no"}', '{broken json', '<html><body>hi</body></html>']) {
      let caught: unknown;
      try {
        parseFeed(text, BASE);
      } catch (error) {
        caught = error;
      }
      expect(caught, text).toBeInstanceOf(PermanentFetchError);
      expect((caught as PermanentFetchError).code).toBe('MALFORMED_FEED');
      expect((caught as Error).message).toMatch(/^malformed feed: .{5,}/);
    }
  });
});

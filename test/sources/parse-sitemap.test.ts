import { describe, expect, it } from 'vitest';
import { isWithinMaxAge, parseSitemap } from '../../src/sources/parse-sitemap.js';

describe('parseSitemap', () => {
  it('reads a news sitemap', () => {
    const xml = `<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">
<url><loc>https://news.example.com/world/talks-resume?utm_medium=x</loc><lastmod>2025-11-21T08:00:00Z</lastmod>
<news:news><news:publication><news:name>Example</news:name><news:language>en</news:language></news:publication>
<news:publication_date>2025-11-20T10:00:00+00:00</news:publication_date><news:title>Talks resume</news:title></news:news></url>
<url><loc>https://news.example.com/world/other</loc></url>
</urlset>`;
    const sitemap = parseSitemap(xml, 'https://news.example.com/news-sitemap.xml');
    expect(sitemap.kind).toBe('urlset');
    expect(sitemap.items).toEqual([
      { url: 'https://news.example.com/world/talks-resume?utm_medium=x', canonicalUrl: 'https://news.example.com/world/talks-resume', title: 'Talks resume', publishedAt: '2025-11-20T10:00:00.000Z', updatedAt: '2025-11-21T08:00:00.000Z', guid: null },
      { url: 'https://news.example.com/world/other', canonicalUrl: 'https://news.example.com/world/other', title: null, publishedAt: null, updatedAt: null, guid: null },
    ]);
  });

  it('reads a sitemap index', () => {
    const xml = `<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
<sitemap><loc>https://x.com/sitemap-2025-11.xml</loc><lastmod>2025-11-20</lastmod></sitemap><sitemap><loc>/sitemap-2025-10.xml</loc></sitemap></sitemapindex>`;
    const sitemap = parseSitemap(xml, 'https://x.com/sitemap.xml');
    expect(sitemap.kind).toBe('sitemapindex');
    expect(sitemap.sitemaps).toEqual([
      { url: 'https://x.com/sitemap-2025-11.xml', lastmod: '2025-11-20T00:00:00.000Z' },
      { url: 'https://x.com/sitemap-2025-10.xml', lastmod: null },
    ]);
  });

  it('reads 20,000 URLs with escaped ampersands, but refuses entity bombs', () => {
    const xml = `<urlset>${Array.from({ length: 20_000 }, (_, index) => `<url><loc>https://x.com/a?id=${index}&amp;b=1</loc></url>`).join('')}</urlset>`;
    const sitemap = parseSitemap(xml, 'https://x.com/');
    expect(sitemap.items).toHaveLength(20_000);
    expect(sitemap.items[19_999].url).toBe('https://x.com/a?id=19999&b=1');
    // Nested entities are never expanded by fast-xml-parser; a wide one repeated is the real threat.
    const bomb = `<?xml version="1.0"?><!DOCTYPE urlset [<!ENTITY wide "${'x'.repeat(5000)}">]><urlset><url><loc>https://x.com/${'&wide;'.repeat(1000)}</loc></url></urlset>`;
    expect(() => parseSitemap(bomb, 'https://x.com/')).toThrow(/malformed sitemap: .*(limit|exceed)/i);
  });

  it('reads an empty urlset and rejects other documents', () => {
    expect(parseSitemap('<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"></urlset>', 'https://x.com/s.xml').items).toEqual([]);
    expect(() => parseSitemap('<html></html>', 'https://x.com/s.xml')).toThrow(/malformed sitemap/);
  });
});

describe('isWithinMaxAge', () => {
  const now = new Date('2025-11-21T12:00:00Z');
  it('keeps recent and undated entries, drops old ones', () => {
    expect(isWithinMaxAge(['2025-11-21T00:00:00Z'], 86_400_000, now)).toBe(true);
    expect(isWithinMaxAge(['2025-11-19T00:00:00Z'], 86_400_000, now)).toBe(false);
    expect(isWithinMaxAge(['2025-11-19T00:00:00Z', '2025-11-21T11:00:00Z'], 86_400_000, now)).toBe(true);
    expect(isWithinMaxAge([null], 86_400_000, now)).toBe(true);
    expect(isWithinMaxAge(['2000-01-01T00:00:00Z'], null, now)).toBe(true);
  });
});

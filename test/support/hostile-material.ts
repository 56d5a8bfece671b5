import { brotliCompressSync, constants as zlibConstants, gzipSync } from 'node:zlib';

/**
 * Hostile and broken material as it is met on the web (or made to hurt a crawler), built once
 * per test file as bytes so that serving it costs the test process nothing.
 */

/** `depth` nested divs around a paragraph: the issue's page that froze the service (depth 100,000). */
export function nestedDivsPage(depth: number, head = ''): string {
  return `<!doctype html><html><head><title>Deep</title>${head}</head><body>${'<div>'.repeat(depth)}<p>Deep inside.</p>${'</div>'.repeat(depth)}</body></html>`;
}

/** About `bytes` of article text with no line break anywhere. */
export function oneLinePage(bytes: number): string {
  const sentence = 'On Thursday the delegations met again in Geneva and agreed to continue the talks next week. ';
  return `<!doctype html><html><head><title>One line</title></head><body><article><h1>One line</h1><p>${sentence.repeat(Math.ceil(bytes / sentence.length))}</p></article></body></html>`;
}

/** A page that is one attribute of `bytes` characters. */
export function hugeAttributePage(bytes: number): string {
  return `<!doctype html><html><head><title>Attribute</title></head><body><div data-blob="${'a'.repeat(bytes)}"><p>After the attribute.</p></div></body></html>`;
}

/** An article whose UTF-8 is broken in places (lone continuation bytes, a truncated sequence, 0xFF). */
export function invalidUtf8Page(): Buffer {
  const parts = [
    Buffer.from('<!doctype html><html><head><meta charset="utf-8"><title>Broken bytes</title></head><body><article><h1>Broken bytes</h1><p>Talks in Gen'),
    Buffer.from([0xe8, 0x76, 0x65, 0x80, 0xbf, 0xff, 0xfe, 0xc3]),
    Buffer.from(' resumed on Thursday, officials said, after a week of delays and mutual accusations.</p></article></body></html>'),
  ];
  return Buffer.concat(parts);
}

/** Served as a charset no decoder knows (and declaring another in its meta), in windows-1251 bytes. */
export function unknownCharsetPage(): Buffer {
  const text = '<!doctype html><html><head><meta charset="x-martian-7"><title>Переговоры</title></head><body><article><h1>Переговоры</h1><p>';
  const body = 'Переговоры в Женеве возобновились в четверг, сообщили официальные лица после недели задержек. ';
  const bytes: number[] = [];
  for (const char of text + body.repeat(5) + '</p></article></body></html>') {
    const code = char.codePointAt(0)!;
    // Cyrillic А..я map to 0xC0..0xFF in windows-1251; ASCII stays as is.
    bytes.push(code >= 0x410 && code <= 0x44f ? code - 0x410 + 0xc0 : code);
  }
  return Buffer.from(bytes);
}

/** Noise with NUL bytes, as a misconfigured server sends an image or an archive as text/html. */
export function binaryNoise(bytes: number): Buffer {
  const buffer = Buffer.alloc(bytes);
  let state = 12345;
  for (let index = 0; index < bytes; index += 1) {
    state = (state * 1103515245 + 12345) & 0x7fffffff;
    buffer[index] = state & 0xff;
  }
  return buffer;
}

/** `expandedBytes` of one letter, gzipped: ~1/1000 of the size. */
export function gzipBomb(expandedBytes: number): Buffer {
  return gzipSync(Buffer.alloc(expandedBytes, 'a'), { level: 9 });
}

/** `expandedBytes` of one letter as brotli: a few hundred bytes for any size. */
export function brotliBomb(expandedBytes: number): Buffer {
  return brotliCompressSync(Buffer.alloc(expandedBytes, 'a'), { params: { [zlibConstants.BROTLI_PARAM_QUALITY]: 5 } });
}

/** An RSS feed of `links` (title = path). */
export function rssOf(links: string[]): string {
  const items = links.map((link) => `<item><title>${new URL(link).pathname}</title><link>${link}</link></item>`).join('\n');
  return `<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>Hostile</title><link>http://example.invalid/</link><description>d</description>\n${items}\n</channel></rss>`;
}

/** An RSS feed whose one item sits `depth` elements deep. */
export function deepXmlFeed(depth: number, link: string): string {
  return `<?xml version="1.0"?><rss version="2.0"><channel><title>Deep</title>${'<x>'.repeat(depth)}<item><title>deep</title><link>${link}</link></item>${'</x>'.repeat(depth)}</channel></rss>`;
}

/** The "billion laughs": ten levels of entities each ten times the one below (10^9 "lol"s). */
export function billionLaughsFeed(link: string): string {
  const entities = ['<!ENTITY lol0 "lol">'];
  for (let level = 1; level <= 9; level += 1) entities.push(`<!ENTITY lol${level} "${`&lol${level - 1};`.repeat(10)}">`);
  return `<?xml version="1.0"?><!DOCTYPE rss [${entities.join('')}]><rss version="2.0"><channel><title>&lol9;</title><item><title>&lol9;</title><link>${link}</link></item></channel></rss>`;
}

/** A sitemap index whose one child is itself. */
export function selfSitemapIndex(url: string): string {
  return `<?xml version="1.0" encoding="UTF-8"?><sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><sitemap><loc>${url}</loc></sitemap></sitemapindex>`;
}

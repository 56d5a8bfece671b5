/** Small feed documents for tests, built the way real publishers write them. */

export function rss2(items: { title: string; link: string; pubDate?: string; guid?: string }[], extra = ''): string {
  const body = items
    .map((item) => `<item><title>${item.title}</title><link>${item.link}</link>${item.guid ? `<guid isPermaLink="false">${item.guid}</guid>` : ''}${item.pubDate ? `<pubDate>${item.pubDate}</pubDate>` : ''}</item>`)
    .join('\n');
  return `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom" xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel><title>World news</title><link>https://news.example.com/</link>
<atom:link href="https://news.example.com/rss" rel="self" type="application/rss+xml"/>${extra}
${body}
</channel></rss>`;
}

export function manyItemsRss(count: number): string {
  const items = Array.from({ length: count }, (_, index) => ({
    title: `Story number ${index} about the talks in Geneva`,
    link: `https://news.example.com/world/${2025}/11/${String((index % 28) + 1).padStart(2, '0')}/story-${index}?utm_source=rss`,
    pubDate: new Date(Date.UTC(2025, 10, 20, 12, 0, 0) - index * 60_000).toUTCString(),
    guid: `story-${index}`,
  }));
  return rss2(items);
}

import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { findFeedLinks } from '../../src/sources/autodiscover-feed.js';
import { canonicalFromHtml } from '../../src/sources/canonical-url.js';
import { findListingLinks } from '../../src/sources/find-listing-links.js';
import { htmlNestingDepth, MAX_HTML_DEPTH } from '../../src/sources/html-depth.js';

/** A page whose head is ordinary and whose body is `depth` nested divs (the hostile page). */
function deepPage(depth: number, head = ''): string {
  return `<!doctype html><html><head><title>t</title>${head}</head><body>${'<div>'.repeat(depth)}<a href="/2025/11/20/talks-resume-in-geneva">x</a>${'</div>'.repeat(depth)}</body></html>`;
}

const FIXTURES = join(dirname(fileURLToPath(import.meta.url)), '..', 'fixtures', 'pages');

describe('htmlNestingDepth (the pre-scan before any tree parse)', () => {
  it('measures real pages well under the budget', () => {
    for (const slug of readdirSync(FIXTURES)) {
      const depth = htmlNestingDepth(readFileSync(join(FIXTURES, slug, 'page.html'), 'utf8'));
      expect(depth, slug).toBeGreaterThan(1);
      expect(depth, slug).toBeLessThan(MAX_HTML_DEPTH / 5);
    }
  });

  it('counts nesting as the HTML parser builds it', () => {
    expect(htmlNestingDepth('<div><div><span>a</span></div></div>')).toBe(3);
    // Paragraphs, list items and cells close themselves; void elements and SVG's <path/> hold nothing.
    expect(htmlNestingDepth(`<body>${'<p>para'.repeat(5000)}<ul>${'<li>item'.repeat(5000)}</ul><table>${'<tr><td>c'.repeat(2000)}</table></body>`)).toBe(1);
    expect(htmlNestingDepth(`<div>${'<br><img src=x><input>'.repeat(3000)}<svg>${'<path d="M0"/>'.repeat(3000)}</svg></div>`)).toBe(2);
    // In HTML `<div/>` opens a div; an end tag with nothing of its name open is ignored, not counted down.
    expect(htmlNestingDepth('<div/>'.repeat(3000))).toBe(3000);
    expect(htmlNestingDepth('<div></span>'.repeat(3000))).toBe(3000);
    // An end tag closes what was left open inside its element.
    expect(htmlNestingDepth(`<section>${'<div><span><b>'.repeat(10)}</section>`.repeat(100))).toBe(31);
  });

  it('stops counting once past the limit asked about', () => {
    expect(htmlNestingDepth('<div>'.repeat(100_000), 1000)).toBe(1001);
  });
});

describe('the parses of fetched pages on the fetch and discover stages stay within budget', () => {
  const head = '<link rel="alternate" type="application/rss+xml" title="News" href="/feed.xml?a=1&amp;b=2"><link rel="Canonical" href="https://news.example.com/world/talks-resume">';

  it('finds the canonical link and the feed links of a page nested 100,000 deep without a tree', () => {
    const page = deepPage(100_000, head);
    expect(canonicalFromHtml(page, 'https://news.example.com/amp/world/talks-resume')).toBe('https://news.example.com/world/talks-resume');
    expect(findFeedLinks(page, 'https://news.example.com/')).toEqual([{ url: 'https://news.example.com/feed.xml?a=1&b=2', type: 'application/rss+xml', title: 'News' }]);
  });

  it('reads only the head for rel=canonical, honouring <base>', () => {
    expect(canonicalFromHtml('<head><base href="https://x.com/world/"><link rel="canonical" href="talks"></head>', 'https://x.com/amp/talks')).toBe('https://x.com/world/talks');
    expect(canonicalFromHtml('<head><title>t</title></head><body><link rel="canonical" href="https://x.com/other"></body>', 'https://x.com/a')).toBeNull();
    expect(canonicalFromHtml('<link rel=canonical href="https://x.com/b"><p>no head tags</p>', 'https://x.com/a')).toBe('https://x.com/b');
    // A 9 MB attribute costs one pass and is not read (only link and base attributes are kept).
    expect(canonicalFromHtml(`<html data-x="${'a'.repeat(9_000_000)}"><head><link rel="canonical" href="https://x.com/b"></head></html>`, 'https://x.com/a')).toBeNull();
  });

  it('refuses a listing page nested deeper than the budget, with a recorded reason, and reads one within it', () => {
    expect(() => findListingLinks(deepPage(100_000), 'https://news.example.com/')).toThrow(expect.objectContaining({ code: 'TOO_DEEP', retryable: false }));
    expect(findListingLinks(deepPage(300), 'https://news.example.com/').map((item) => item.url)).toEqual(['https://news.example.com/2025/11/20/talks-resume-in-geneva']);
  });

  it('reads the first 1 MB of a 9 MB listing page of one line, scripts not counted', () => {
    const card = '<article><a href="/2025/11/20/talks-resume-in-geneva-NNN">Talks resume</a></article>';
    const cards = Array.from({ length: 3 }, (_, index) => card.replace('NNN', String(index))).join('');
    const page = `<html><body><main>${cards}<p>${'word '.repeat(1_800_000)}</p>${card.replace('NNN', 'late')}</main></body></html>`;
    expect(findListingLinks(page, 'https://news.example.com/')).toHaveLength(3);
    // 3 MB of inline script before the cards (a front's state blob) costs nothing of the budget.
    const scripted = `<html><head><script>window.state = "${'x'.repeat(3_000_000)}";</script><!-- ${'c'.repeat(100_000)} --></head><body><main>${cards}</main></body></html>`;
    expect(findListingLinks(scripted, 'https://news.example.com/')).toHaveLength(3);
  });
});

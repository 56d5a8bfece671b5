import { describe, expect, it } from 'vitest';
import { findListingLinks, looksLikeArticlePath } from '../../src/sources/find-listing-links.js';
import { findFeedLinks, looksLikeHtml } from '../../src/sources/autodiscover-feed.js';

const PAGE = `<!doctype html><html><head><title>World</title></head><body>
<header><nav><a href="/world/2025/11/20/menu-link-that-looks-like-an-article">menu</a><a href="/politics">Politics</a></nav></header>
<div class="breadcrumbs"><a href="/news/world/some-very-long-breadcrumb-slug-here">crumb</a></div>
<main>
  <article class="card"><a href="/world/2025/11/20/talks-resume-in-geneva?utm_source=home#top"><h2>Talks resume in Geneva</h2></a><time datetime="2025-11-20T10:00:00Z">Thursday</time></article>
  <article class="card"><a href="https://www.news.example.com/world/europe/ukraine-peace-plan-28-points-explained">Peace plan explained</a></article>
  <article class="card"><a href="/story/1234567">Numbered story</a></article>
  <article class="card"><header class="card-header"><h3><a href="/world/2025/11/21/card-with-its-own-header">Card with header</a></h3></header></article>
  <a href="/tag/ukraine-russia-war-peace-talks-latest">Tag page</a>
  <a href="/author/jane-doe-senior-correspondent-for-europe">Author</a>
  <a href="/world/page/2">Next page</a>
  <a href="https://other.example.org/world/2025/11/20/someone-elses-story">Elsewhere</a>
  <a href="/world/2025/11/20/talks-resume-in-geneva">Duplicate</a>
</main>
<aside><a href="/world/2025/11/19/most-read-story-of-the-week-here">Most read</a></aside>
<footer><a href="/about-us">About</a><a href="/world/2025/11/18/footer-story-link-long-slug">x</a></footer>
</body></html>`;

describe('findListingLinks', () => {
  it('finds article links by heuristics, skipping chrome, tags, authors, other sites and repeats', () => {
    const items = findListingLinks(PAGE, 'https://news.example.com/world');
    expect(items.map((item) => item.canonicalUrl)).toEqual([
      'https://news.example.com/world/2025/11/20/talks-resume-in-geneva',
      'https://www.news.example.com/world/europe/ukraine-peace-plan-28-points-explained',
      'https://news.example.com/story/1234567',
      'https://news.example.com/world/2025/11/21/card-with-its-own-header',
    ]);
    expect(items[0]).toMatchObject({ title: 'Talks resume in Geneva', publishedAt: '2025-11-20T10:00:00.000Z' });
  });

  it('uses the CSS selector when given (links or containers)', () => {
    expect(findListingLinks(PAGE, 'https://news.example.com/world', 'article.card > a').map((item) => item.title)).toEqual(['Talks resume in Geneva', 'Peace plan explained', 'Numbered story']);
    expect(findListingLinks(PAGE, 'https://news.example.com/world', 'article.card').map((item) => item.title)).toHaveLength(4);
    expect(findListingLinks(PAGE, 'https://news.example.com/world', 'aside').map((item) => item.url)).toEqual(['https://news.example.com/world/2025/11/19/most-read-story-of-the-week-here']);
  });

  it('resolves relative links against <base href>', () => {
    const html = '<html><head><base href="https://www.example.org/news/"></head><body><a href="2025/11/20/talks-resume-in-geneva">Talks</a></body></html>';
    expect(findListingLinks(html, 'https://example.org/world').map((item) => item.url)).toEqual(['https://www.example.org/news/2025/11/20/talks-resume-in-geneva']);
    expect(findFeedLinks('<base href="/blog/"><link rel="alternate" type="application/rss+xml" href="feed">', 'https://x.com/').map((link) => link.url)).toEqual(['https://x.com/blog/feed']);
  });

  it('classifies paths', () => {
    expect(looksLikeArticlePath('/2025/11/20/talks')).toBe(true);
    expect(looksLikeArticlePath('/news/2025-11-20-talks')).toBe(true);
    expect(looksLikeArticlePath('/news/article-98765.html')).toBe(true);
    expect(looksLikeArticlePath('/world/europe')).toBe(false);
    expect(looksLikeArticlePath('/category/world-news-from-all-over')).toBe(false);
    expect(looksLikeArticlePath('/page/12')).toBe(false);
    expect(looksLikeArticlePath('/images/a-very-long-image-name-here.jpg')).toBe(false);
  });
});

describe('findFeedLinks', () => {
  it('finds advertised feeds, site feed before comment feed, RSS before JSON', () => {
    const html = `<html><head>
<link rel="alternate" type="application/rss+xml" title="Comments Feed" href="/comments/feed/">
<link rel="alternate" type="application/feed+json" href="/feed.json">
<link rel="alternate" type="application/rss+xml" title="Site Feed" href="/feed/">
<link rel="alternate" type="application/atom+xml" href="https://x.com/atom.xml">
<link rel="alternate" hreflang="fr" href="/fr/">
</head></html>`;
    expect(findFeedLinks(html, 'https://x.com/blog/').map((link) => link.url)).toEqual([
      'https://x.com/feed/', 'https://x.com/atom.xml', 'https://x.com/feed.json', 'https://x.com/comments/feed/',
    ]);
  });

  it('tells HTML from feeds', () => {
    expect(looksLikeHtml('text/html; charset=utf-8', '<rss>')).toBe(true);
    expect(looksLikeHtml('application/rss+xml', '<rss>')).toBe(false);
    expect(looksLikeHtml(null, '  <!DOCTYPE html><html>')).toBe(true);
    expect(looksLikeHtml(null, '<?xml version="1.0"?><rss>')).toBe(false);
  });
});

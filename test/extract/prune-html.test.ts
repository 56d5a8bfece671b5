import { parseHTML } from 'linkedom';
import { describe, expect, it } from 'vitest';
import { pruneHtml } from '../../src/extract/prune-html.js';

/**
 * The pruner does the tree builder's repairs that linkedom does not, so that document.body holds
 * the page's content whatever comes before <html> (causes of empty results on real pages).
 */
const limits = { maxDepth: 200, maxChars: 400_000 };
const article =
  '<article><h1>Ferry timetable changes</h1><p>The winter timetable starts on Monday, with two crossings a day instead of four.</p></article>';

function parse(html: string) {
  const { document } = parseHTML(pruneHtml(html, limits));
  return document;
}

describe('pruneHtml document shape', () => {
  it('keeps <html> the root when a <style> and <title> come before it', () => {
    const doc = parse(`<style>.a{}</style><title>Ferry</title><meta property="og:title" content="Ferry">
      <!DOCTYPE html><html lang="en"><head><meta charset="utf-8"></head><body>${article}</body></html>`);
    expect(doc.documentElement.tagName).toBe('HTML');
    expect(doc.body.textContent).toContain('two crossings a day');
    expect(doc.title).toBe('Ferry');
  });

  it('merges a second document started after a PHP warning into the first body', () => {
    const doc = parse(`<br />\n<b>Warning</b>: mysql_connect(): Access denied in <b>x.php</b><br />
      <!DOCTYPE html><html lang="de"><head><title>Fähre</title></head><body class="post">${article}</body></html>`);
    expect(doc.documentElement.tagName).toBe('HTML');
    expect(doc.querySelectorAll('body').length).toBe(1);
    expect(doc.body.textContent).toContain('two crossings a day');
  });

  it('keeps content written after </body> in the body, as browsers do', () => {
    const doc = parse(`<html><head><title>x</title></head><body><p>Before.</p></body><p>After the close tag.</p></html>`);
    expect(doc.body.textContent).toContain('After the close tag.');
  });

  it('counts a run of whitespace once, so indentation does not push the article past the size cap', () => {
    const padding = `<div>${' '.repeat(2000)}\n${'\t'.repeat(2000)}</div>\n`.repeat(300); // ~1.2 MB of whitespace
    const doc = parse(`<html><body>${padding}${article}</body></html>`);
    expect(doc.body.textContent).toContain('two crossings a day');
  });

  it('leaves whitespace inside <pre> as written', () => {
    const doc = parse('<html><body><pre>a    b\n\n\n  c</pre></body></html>');
    expect(doc.querySelector('pre')?.textContent).toBe('a    b\n\n\n  c');
  });
});

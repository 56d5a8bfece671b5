import { parseHTML } from 'linkedom';
import { describe, expect, it } from 'vitest';
import { joinSiblingBoxes } from '../../src/extract/sibling-boxes.js';
import { standfirst } from '../../src/extract/standfirst.js';
import { recoverParagraphs } from '../../src/extract/recover-paragraphs.js';
import { toBlocks } from '../../src/extract/text-blocks.js';

const prose = (n: number) =>
  `Paragraph ${n} of the story goes on for a sentence or two, long enough to read as prose and not as a label. It ends like a sentence.`;

function page(html: string): Element {
  const { document } = parseHTML(`<html><head><title>t</title></head><body>${html}</body></html>`);
  return document.body as unknown as Element;
}

/** The blocks Readability would have kept: those of one element. */
function keptOf(body: Element, selector: string) {
  return toBlocks(body.querySelector(selector)!);
}

const texts = (blocks: { text: string }[]) => blocks.map((b) => b.text);

describe('step 4d: the body split into sibling boxes', () => {
  const boxes = `
    <div class="body">
      <div class="box"><div class="inner"><p>${prose(1)}</p></div></div>
      <div class="box"><div class="inner"><p id="kept">${prose(2)}</p></div></div>
      <div class="box"><div class="inner"><h2>A subheading</h2></div></div>
      <div class="box"><div class="inner"><p>${prose(3)}</p></div></div>
      <div class="teasers"><h3><a href="/other">Another story's headline as a link</a></h3><p>${prose(9)}</p></div>
      <div class="box"><div class="inner"><p>${prose(4)}</p></div></div>
    </div>`;

  it('joins the prose boxes on either side, with the heading between them, in reading order', () => {
    const body = page(boxes);
    const joined = joinSiblingBoxes(body, keptOf(body, '#kept'));
    expect(texts(joined.blocks)).toEqual([prose(1), prose(2), 'A subheading', prose(3)]);
  });

  it('stops at the first sibling that reads as furniture (a teaser with a headline link)', () => {
    const body = page(boxes);
    const joined = joinSiblingBoxes(body, keptOf(body, '#kept'));
    expect(texts(joined.blocks)).not.toContain(prose(9));
    expect(texts(joined.blocks)).not.toContain(prose(4));
  });

  it('does not join a heading that no prose follows, nor a cut-off teaser summary', () => {
    const body = page(`
      <div class="body">
        <div class="box"><div class="inner"><p id="kept">${prose(1)}</p></div></div>
        <div class="box"><div class="inner"><p>A teaser summary that is cut off in the middle of its sentence and runs on long enough to count...</p></div></div>
        <div class="box"><div class="inner"><h2>More from the site</h2></div></div>
      </div>`);
    const joined = joinSiblingBoxes(body, keptOf(body, '#kept'));
    expect(texts(joined.blocks)).toEqual([prose(1)]);
  });

  it('does not look past the article element', () => {
    const body = page(`
      <div class="page">
        <div class="notice"><p>${prose(8)}</p></div>
        <article><div class="box"><p id="kept">${prose(1)}</p></div></article>
      </div>`);
    const joined = joinSiblingBoxes(body, keptOf(body, '#kept'));
    expect(texts(joined.blocks)).toEqual([prose(1)]);
  });
});

describe('step 4e: the standfirst', () => {
  const deck = 'The council approved the new district heating network on Tuesday, with the first homes connected next year.';

  it('puts the sentences between the headline and the body before the body', () => {
    const body = page(`
      <article><h1>Heating network approved</h1><div class="meta">By A. Writer</div><p class="deck">${deck}</p>
      <div id="story"><p>${prose(1)}</p><p>${prose(2)}</p></div></article>`);
    const kept = keptOf(body, '#story');
    const out = standfirst(body, body.querySelector('#story')!, kept);
    expect(texts(out)).toEqual([deck, prose(1), prose(2)]);
  });

  it('leaves a kicker or second headline (no sentence ending), and pages with several headlines', () => {
    const kicker = page(`<h1>Heating network approved</h1><p>A second headline that runs on without any full stop at its end</p><div id="story"><p>${prose(1)}</p></div>`);
    expect(texts(standfirst(kicker, kicker.querySelector('#story')!, keptOf(kicker, '#story')))).toEqual([prose(1)]);
    const listing = page(`<h1>One</h1><p>${deck}</p><h1>Two</h1><div id="story"><p>${prose(1)}</p></div>`);
    expect(texts(standfirst(listing, listing.querySelector('#story')!, keptOf(listing, '#story')))).toEqual([prose(1)]);
  });
});

describe('step 4b: lists and tables between kept text', () => {
  it('puts back a list Readability cleaned away between two kept paragraphs, not a list of links', () => {
    const body = page(`
      <div class="story"><p>${prose(1)}</p>
        <ul><li>Flour, 250 g, sifted</li><li>Butter, 125 g, softened</li><li>Sugar, 100 g</li></ul>
        <ul><li><a href="/a">Other story one</a></li><li><a href="/b">Other story two</a></li><li><a href="/c">Other story three</a></li></ul>
        <p>${prose(2)}</p></div>`);
    const kept = [prose(1), prose(2)].map((text) => ({ kind: 'p' as const, text, linkShare: 0 }));
    expect(texts(recoverParagraphs(body, kept))).toEqual([prose(1), 'Flour, 250 g, sifted', 'Butter, 125 g, softened', 'Sugar, 100 g', prose(2)]);
  });
});

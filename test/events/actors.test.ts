import { describe, expect, it } from 'vitest';
import { commonWordsOf, findActors } from '../../src/events/actors.js';
import { extractEvents } from '../../src/events/extract-events.js';

describe('findActors', () => {
  it('drops a compound adjective before a name ("Russian-occupied Ukraine" names Ukraine)', () => {
    expect(findActors('NATO would assist Ukraine to “go on the offensive to liberate Russian-occupied Ukraine.”')).toEqual(['NATO', 'Ukraine']);
    expect(findActors('Iran-backed Houthis and Kremlin-backed separatists met Jean-Noël Barrot.')).toEqual(['Houthis', 'Jean-Noël Barrot']);
    expect(findActors('The National Anti-Corruption Bureau alleged it.')).toEqual(['National Anti-Corruption Bureau']);
  });

  it('takes no sentence opener for a name when the article writes it in lower case', () => {
    const article = 'Supporters of the shop said it would help. Local traders and local supporters agreed. Apple has opened a shop.';
    const common = commonWordsOf(article);
    expect(findActors('Shop owners in Arlen said they hoped for more visitors.', [], common)).toEqual(['Arlen']);
    expect(findActors('Supporters said it would help.', [], common)).toEqual([]);
    expect(findActors('Local businesses welcomed the news.', [], common)).toEqual([]);
    // A name opens sentences too: kept while the article never writes it in lower case.
    expect(findActors('Apple unveiled the iPod.', [], common)).toContain('Apple');
    expect(findActors('Supporters said it would help.')).toEqual(['Supporters']);
  });

  it('reads a product name written with a lower-case prefix whole, and joins it to no name before it', () => {
    expect(findActors('Apple Computer today launched a 3G version of its iPhone device.')).toEqual(['Apple Computer', 'iPhone']);
    expect(findActors('The Commission forced Apple Inc. to lower its prices in its United Kingdom iTunes store.')).toEqual(['Apple Inc', 'United Kingdom', 'iTunes']);
    expect(findActors('Apple launched the iTunes Music Store.')).toEqual(['Apple', 'iTunes Music Store']);
  });

  it('reads the article for it when extracting events', () => {
    const events = extractEvents('Local businesses welcomed the news on Monday. The local council met on Monday.', { publishedAt: '2026-11-30' });
    expect(events[0].actors).toEqual([]);
  });
});

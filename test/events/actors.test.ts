import { describe, expect, it } from 'vitest';
import { commonWordsOf, findActors, namesInTextOf } from '../../src/events/actors.js';
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

  it('keeps an opener the article also writes as a name inside a sentence, even beside the common word', () => {
    const article = 'Apple cut 500 jobs in Europe. Steve Jobs said so. The board of Apple met. Jobs resigned in a letter. Local businesses welcomed the Local Government Association.';
    const names = namesInTextOf(article);
    expect(names.has('Jobs')).toBe(true);
    expect(names.has('Apple')).toBe(true);
    // Capitalised only as the first word of a longer name, or as an opener: not shown to be a name.
    expect(names.has('Local')).toBe(false);
    expect(names.has('Steve')).toBe(false);
    expect(findActors('Jobs resigned in a letter.', [], commonWordsOf(article), names)).toEqual(['Jobs']);
    expect(findActors('Jobs resigned in a letter.', [], commonWordsOf(article))).toEqual([]);
  });

  it('reads the article for it when extracting events', () => {
    const events = extractEvents('Local businesses welcomed the news on Monday. The local council met on Monday.', { publishedAt: '2026-11-30' });
    expect(events[0].actors).toEqual([]);
  });

  it('marks a one-word opener the article shows to be a name, and only such an opener', () => {
    const airbus = extractEvents('Airbus unveiled its A380 superjumbo on Monday. The plane, built by Airbus, seats 555 passengers.', { publishedAt: '2005-01-18' });
    expect(airbus[0]).toMatchObject({ actors: ['Airbus'], openerNamed: true });
    // The protagonist: "Jobs" stands for the person the article names most.
    const jobs = extractEvents('Steve Jobs gave a keynote on Monday. Jobs, the CEO, spoke for an hour. Jobs unveiled the iPhone 4 on Monday.', { publishedAt: '2010-06-08' });
    expect(jobs.find((event) => event.sentence.startsWith('Jobs unveiled'))?.openerNamed).toBe(true);
    const local = extractEvents('Local businesses welcomed the news on Monday. Supporters said on Monday it would help the town of Arlen.', { publishedAt: '2026-11-30' });
    expect(local.map((event) => event.openerNamed)).toEqual([undefined, undefined]);
  });
});

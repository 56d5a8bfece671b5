import { describe, expect, it } from 'vitest';
import { nameSlots, slotNamesDiffer } from '../../src/dedup/name-slots.js';
import { namedParticipants } from '../../src/dedup/named-participants.js';

describe('nameSlots', () => {
  it('finds the names a content word and its preposition attach, without the full stop or a date', () => {
    const slots = nameSlots('On Monday, the library of Norcott reopened after a renovation in the United States.');
    expect(Object.fromEntries(slots)).toEqual({ 'library of': ['Norcott'], 'renovation in': ['United States'] });
    expect(Object.fromEntries(nameSlots('The deadline was set by the U.S. in June.'))).toEqual({ 'set by': ['U.S.'] });
  });

  it('tells two names in one slot apart, but not a slot only one report fills or names that meet', () => {
    expect(slotNamesDiffer('A court in Farrow convicted a treasurer.', 'A court in Brisk convicted a treasurer.')).toBe(true);
    expect(slotNamesDiffer('A court in Farrow convicted a treasurer.', 'The treasurer was convicted on Monday.')).toBe(false);
    expect(slotNamesDiffer('Shares of Apple Inc. rose.', 'Shares of Apple rose.')).toBe(false);
  });
});

describe('namedParticipants', () => {
  it('drops a lone sentence opener unless it is said again or the other report names it', () => {
    const local = { sentence: 'Local businesses welcomed the news.', actors: ['Local'] };
    expect(namedParticipants(local, local)).toEqual([[], []]);
    const apple = { sentence: 'Apple unveiled the iPhone 4.', actors: ['Apple'] };
    const appleInc = { sentence: 'On Monday Apple Inc. unveiled the iPhone 4.', actors: ['Apple Inc'] };
    expect(namedParticipants(apple, appleInc)).toEqual([['Apple'], ['Apple Inc']]);
    const jobs = { sentence: 'Jobs said Jobs would return.', actors: ['Jobs'] };
    expect(namedParticipants(jobs, local)).toEqual([['Jobs'], []]);
  });

  it('counts a lone opener that its article shows to be a name (openerNamed), on either side', () => {
    const airbus = { sentence: 'Airbus unveiled the A380.', actors: ['Airbus'] };
    expect(namedParticipants(airbus, airbus)).toEqual([[], []]);
    const named = { ...airbus, openerNamed: true };
    expect(namedParticipants(named, named)).toEqual([['Airbus'], ['Airbus']]);
    // One article's word is enough for the same name in the other report (a stored event from before the mark).
    expect(namedParticipants(named, airbus)).toEqual([['Airbus'], ['Airbus']]);
    const local = { sentence: 'Local businesses welcomed the news.', actors: ['Local'] };
    expect(namedParticipants(named, local)).toEqual([['Airbus'], []]);
  });

  it('counts a lone opener written as no common word is: an acronym, a camel-case name', () => {
    const nato = { sentence: 'NATO agreed to send more troops.', actors: ['NATO'] };
    const iphone = { sentence: 'iPhone sales rose sharply.', actors: ['iPhone'] };
    const mcdonald = { sentence: 'McDonald closed the deal.', actors: ['McDonald'] };
    expect(namedParticipants(nato, iphone)).toEqual([['NATO'], ['iPhone']]);
    expect(namedParticipants(mcdonald, mcdonald)).toEqual([['McDonald'], ['McDonald']]);
    const supporters = { sentence: 'Supporters said it would help.', actors: ['Supporters'] };
    expect(namedParticipants(supporters, supporters)).toEqual([[], []]);
  });
});

import { describe, expect, it } from 'vitest';
import { findSameEvent, isSameEvent } from '../../src/dedup/same-event.js';
import { extractEvents } from '../../src/events/extract-events.js';

const report = (date: string, sentence: string, summary = sentence, actors: string[] = []) => ({ date, sentence, summary, actors });

describe('isSameEvent', () => {
  it('merges one event told by two outlets in other words', () => {
    const a = report(
      '2025-11-23',
      'Ukrainian and US officials met in Geneva on Sunday to discuss the peace plan drafted by Washington.',
      'Ukrainian and US officials met in Geneva to discuss the peace plan',
      ['Ukraine', 'US', 'Geneva'],
    );
    const b = report(
      '2025-11-23',
      'On Sunday, US and Ukrainian delegations met in Geneva for talks on the US-drafted peace plan.',
      'US and Ukrainian delegations met in Geneva for talks on the peace plan',
      ['US', 'Ukraine', 'Geneva'],
    );
    expect(isSameEvent(a, b)).toBe(true);
  });

  it('keeps apart different events of the same story on the same day', () => {
    const talks = report('2025-11-23', 'US and Ukrainian delegations met in Geneva for talks on the peace plan.', 'delegations met in Geneva', ['US', 'Ukraine']);
    const strike = report('2025-11-23', 'A Russian drone strike hit an apartment block in Kharkiv, killing four people.', 'drone strike hit Kharkiv', ['Russia', 'Kharkiv']);
    expect(isSameEvent(talks, strike)).toBe(false);
  });

  it('never merges dates that disagree, even with the same words', () => {
    const sentence = 'Zelensky met Trump at the White House.';
    expect(isSameEvent(report('2025-11-20', sentence), report('2025-11-27', sentence))).toBe(false);
    // A year holds too many happenings to take a day of it as the same one.
    expect(isSameEvent(report('2025', sentence), report('2025-11-20', sentence))).toBe(false);
  });

  it('merges an exact repeat that names a participant whatever its wording similarity', () => {
    const sentence = 'On Friday, Zelensky said so.';
    expect(isSameEvent(report('2025-11-21', sentence, 'said so', ['Zelensky']), report('2025-11-21', 'On Friday, Zelensky said so!', 'x', ['Zelensky']))).toBe(true);
  });

  it('keeps apart two clauses of one sentence at one date, and merges one clause cut two ways', () => {
    const sentence = 'While introducing iPhone 4, at the annual conference, Jobs started by hinting at the incident.';
    const introducing = report('2010-06-07', sentence, 'While introducing iPhone 4, Jobs', ['iPhone', 'Jobs']);
    const hinting = report('2010-06-07', sentence, 'Jobs started by hinting at the incident', ['iPhone', 'Jobs']);
    expect(isSameEvent(introducing, hinting)).toBe(false);
    expect(isSameEvent(hinting, report('2010-06-07', sentence, 'at the annual conference, Jobs started by hinting at the incident', ['Jobs']))).toBe(true);
  });

  it('picks the closest of several candidates', () => {
    const candidate = report('2025-11-23', 'Delegations met in Geneva for peace talks.', 'Delegations met in Geneva for peace talks', ['Geneva']);
    const near = { id: 'near', ...report('2025-11-23', 'The delegations met in Geneva for peace talks on Sunday.', 'delegations met in Geneva for peace talks', ['Geneva']) };
    const far = { id: 'far', ...report('2025-11-23', 'Talks in Geneva were announced.', 'talks in Geneva announced', ['Geneva']) };
    expect(findSameEvent(candidate, [far, near])?.id).toBe('near');
  });
});

describe('isSameEvent: the happening, not the wording', () => {
  const event = (date: string, sentence: string, actors: string[], dateBasis = 'text') => ({ date, dateBasis, sentence, summary: sentence, actors });

  it('merges one deadline told in other words by two outlets', () => {
    const a = event('2009-06-01', 'The company has a deadline set at June 1 to draw up a restructuring plan.', ['General Motors']);
    const b = event('2009-06-01', 'The automaker has a June 1 deadline to finish a government restructuring plan.', ['General Motors']);
    expect(isSameEvent(a, b)).toBe(true);
  });

  it('merges a day with the week another outlet gives, and publication days a day apart', () => {
    const week = event('2008-W41', 'The FTSE 100 fell 6.5% in its worst week.', ['FTSE 100']);
    const day = event('2008-10-06', 'The FTSE 100 dropped 6.5% on Monday.', ['FTSE 100']);
    expect(isSameEvent(week, day)).toBe(true);
    const monday = event('2010-06-07', 'Apple unveiled iPhone 4 at its developer conference.', ['Apple'], 'publication');
    const tuesday = event('2010-06-08', 'Apple Inc. has unveiled the iPhone 4 at the conference.', ['Apple Inc.'], 'publication');
    expect(isSameEvent(monday, tuesday)).toBe(true);
  });

  it('keeps apart two planes, two companies, two quantities and two kinds of act', () => {
    const land = event('2007-03-19', 'The A380 was set to land in the United States on Monday.', ['A380', 'United States']);
    const second = event('2007-03-19', 'A second A380 is also travelling to the U.S. on Monday.', ['A380', 'U.S.']);
    expect(isSameEvent(land, second)).toBe(false);
    const corps = event('2006-03-28', 'Apple Corps filed a lawsuit against the iTunes Music Store.', ['Apple Corps']);
    const computer = event('2006-03-28', 'Apple Computer filed a lawsuit against the iTunes Music Store.', ['Apple Computer']);
    expect(isSameEvent(corps, computer)).toBe(false);
    const fell = event('2008-10-06', 'The FTSE 100 fell 6.5% on Monday.', ['FTSE 100']);
    const fellLess = event('2008-10-06', 'The FTSE 100 fell 2.1% on Monday.', ['FTSE 100']);
    expect(isSameEvent(fell, fellLess)).toBe(false);
    const rose = event('2008-10-06', 'The FTSE 100 rose on Monday in heavy trading.', ['FTSE 100']);
    expect(isSameEvent(fell, rose)).toBe(false);
  });

  it('merges a day into a month only up to a month: a year is too coarse', () => {
    const month = event('2025-11', 'Zelensky met Trump at the White House.', ['Zelensky', 'Trump']);
    const day = event('2025-11-20', 'Zelensky met Trump at the White House.', ['Zelensky', 'Trump']);
    expect(isSameEvent(month, day)).toBe(true);
  });
});

describe('isSameEvent: a day and a year', () => {
  const event = (date: string, sentence: string, summary: string, actors: string[]) => ({ date, dateBasis: 'text', sentence, summary, actors });
  it('merges a launch an outlet dates by its year with the day another gives, but not a different act that year', () => {
    const day = event('2003-04-28', 'Apple launched the iTunes Music Store, an online music store, on April 28, 2003.', 'Apple launched the iTunes Music Store on April 28', ['Apple', 'iTunes Music Store']);
    const year = event('2003', 'Apple Computer launched the iTunes Music Store in 2003.', 'Apple Computer launched the iTunes Music Store in 2003', ['Apple Computer', 'iTunes Music Store']);
    expect(isSameEvent(day, year)).toBe(true);
    const other = event('2003', 'Apple Computer sued a music label in 2003.', 'Apple Computer sued a music label in 2003', ['Apple Computer']);
    expect(isSameEvent(day, other)).toBe(false);
  });
});

describe('isSameEvent: different participants on one day stay apart', () => {
  const event = (sentence: string, actors: string[], dateBasis = 'text') => ({ date: '2026-11-30', dateBasis, sentence, summary: sentence, actors });

  it('keeps apart two towns told in the same words on the same day', () => {
    // "Shop" opens the sentence: a capitalised common word, the only actor the two share.
    const arlen = event('Shop owners on the high street said they hoped the change would bring more visitors to the centre of Arlen.', ['Shop', 'Arlen'], 'context');
    const brisk = event('Shop owners on the high street said they hoped the change would bring more visitors to the centre of Brisk.', ['Shop', 'Brisk'], 'context');
    expect(isSameEvent(arlen, brisk)).toBe(false);
  });

  it('keeps apart two reports that name no one, even word for word ("the news" of two towns)', () => {
    const a = event('Local businesses welcomed the news.', ['Local'], 'context');
    const b = event('Local businesses welcomed the news.', ['Local'], 'context');
    expect(isSameEvent(a, b)).toBe(false);
    expect(isSameEvent(event('Supporters said it would help.', ['Supporters']), event('Supporters said it would help.', ['Supporters']))).toBe(false);
  });

  it('merges two outlets that both open with a company their articles show to be a name, and not two that open with "Local …"', () => {
    const a = extractEvents('Airbus unveiled its new A380 superjumbo jet on Monday. The plane, built by Airbus, seats 555 passengers.', { publishedAt: '2005-01-18' })[0];
    const b = extractEvents('Airbus has unveiled the A380, the largest passenger jet ever built. Analysts said orders for Airbus would grow.', { publishedAt: '2005-01-18' })[0];
    expect(isSameEvent(a, b)).toBe(true);
    // The same sentences with no article to show the opener is a name: nobody named, kept apart.
    expect(isSameEvent({ ...a, openerNamed: undefined }, { ...b, openerNamed: undefined })).toBe(false);
    const arlen = extractEvents('Local businesses welcomed the news. The council of Arlen met on Monday.', { publishedAt: '2026-11-30' })[0];
    const brisk = extractEvents('Local businesses welcomed the news. The council of Brisk met on Monday.', { publishedAt: '2026-11-30' })[0];
    expect(arlen.actors).toEqual(['Local']);
    expect(isSameEvent(arlen, brisk)).toBe(false);
  });

  it('keeps apart one actor acting in two places: different names in the same slot', () => {
    const paris = event('Apple opened a store in Paris on Monday.', ['Apple', 'Paris']);
    const london = event('Apple opened a store in London on Monday.', ['Apple', 'London']);
    expect(isSameEvent(paris, london)).toBe(false);
    const norcott = event('The Valley Trust reopened the library of Norcott on Monday after a two-year renovation.', ['Valley Trust', 'Norcott']);
    const hollis = event('The Valley Trust reopened the library of Hollis on Monday after a two-year renovation.', ['Valley Trust', 'Hollis']);
    expect(isSameEvent(norcott, hollis)).toBe(false);
  });

  it('still merges one happening told in other words, with a pronoun or a name said once by one outlet', () => {
    const store = event('Apple opened a store in Paris on Monday.', ['Apple', 'Paris']);
    const again = event('On Monday Apple Inc. opened its new store in Paris, its first in France.', ['Apple Inc', 'Paris', 'France']);
    expect(isSameEvent(store, again)).toBe(true);
    const named = event('Steve Jobs has been fighting pancreatic cancer since 2004 and is on medical leave.', ['Steve Jobs']);
    const pronoun = event('He has been fighting pancreatic cancer since 2004.', []);
    expect(isSameEvent(named, pronoun)).toBe(true);
    // A sentence opener names an actor when the other report names it too, or when it is said again.
    const unveiled = event('Apple unveiled the iPhone 4 at its developer conference.', ['Apple', 'Phone']);
    const unveiledInc = event('On Monday, Apple Inc. has unveiled the iPhone 4 at the conference.', ['Apple Inc', 'Phone']);
    expect(isSameEvent(unveiled, unveiledInc)).toBe(true);
    const released = event("Apple has released an application that limits the volume of Apple's iPod players.", ['Apple', 'Pod']);
    const releasedAgain = event("Apple has released an application that limits the volume of Apple's iPod players.", ['Apple', 'Pod']);
    expect(isSameEvent(released, releasedAgain)).toBe(true);
  });
});

import { describe, expect, it } from 'vitest';
import { extractEvents } from '../../src/events/extract-events.js';
import { happeningOf, isBareAttribution } from '../../src/events/happening.js';
import { actStem } from '../../src/events/dated-acts.js';

const at = { publishedAt: '2010-06-08' };
const one = (text: string) => {
  const events = extractEvents(text, at);
  expect(events, text).toHaveLength(1);
  return events[0];
};

describe('events without a date expression', () => {
  it('dates a past or present-perfect act by the publication day', () => {
    expect(one('Airbus unveiled plans for the A380.')).toMatchObject({ date: '2010-06-08', granularity: 'day', dateBasis: 'publication', modality: 'occurred', dateText: '' });
    expect(one('Apple has unveiled iPhone 4, its new smartphone.')).toMatchObject({ dateBasis: 'publication', summary: expect.stringContaining('unveiled iPhone 4') });
    expect(one('The FTSE 100 dropped in value by 6.50%.')).toMatchObject({ date: '2010-06-08', dateBasis: 'publication' });
    // A past passive is an act too.
    expect(one('The newest iPhone was introduced by Steve Jobs.')).toMatchObject({ dateBasis: 'publication' });
  });

  it('reads a past whose form is its base ("cut", "shed", "hit") as an act only where a past verb stands', () => {
    expect(one('The Federal Reserve cut interest rates by 0.75 percentage points on Monday.')).toMatchObject({ date: '2010-06-07', dateBasis: 'text' });
    expect(one('GM shed 10,000 jobs.')).toMatchObject({ date: '2010-06-08', dateBasis: 'publication' });
    expect(one('Shares in Royal Bank of Scotland hit a record low.')).toMatchObject({ dateBasis: 'publication' });
    expect(one('Production was cut by 20% on Monday.')).toMatchObject({ date: '2010-06-07' });
    // A noun, an infinitive, a modal's verb: no past act.
    for (const none of ['Analysts expect the Fed to cut rates.', 'A rate cut is expected.', 'Banks will cut rates.', 'The bank could hit its target.', 'The company will close 14 plants and cut 20,000 more jobs.', 'Having never hit fewer than 26 homers, he seems a better investment.']) {
      expect(extractEvents(none, at), none).toEqual([]);
    }
    expect(happeningOf('The rate cut surprised investors.')?.start).toBe('The rate cut '.length);
  });

  it('reads a past passive with an irregular participle as an act ("was given", "was taken over")', () => {
    expect(one('Chrysler was given 30 days to complete a merger with Fiat.')).toMatchObject({ date: '2010-06-08', dateBasis: 'publication', modality: 'occurred' });
    expect(one('The plant was taken over by Fiat.')).toMatchObject({ dateBasis: 'publication' });
    expect(extractEvents('Sanctions would be given up.', at)).toEqual([]);
  });

  it('lets an explicit date in the clause win', () => {
    expect(one('Apple unveiled iPhone 4 on Monday.')).toMatchObject({ date: '2010-06-07', dateBasis: 'text', dateText: 'Monday' });
  });

  it('gives a sentence that goes on with a dated one that date', () => {
    const events = extractEvents('Jobs said yesterday that Apple will offer a free case. He also showed videos of other phones.', at);
    expect(events.map((e) => [e.date, e.dateBasis])).toEqual([['2010-06-07', 'text'], ['2010-06-07', 'context']]);
    // Further on, a simple-past act is the day the lede gave the news, when that day is recent…
    const lede = extractEvents('Apple announced on Monday a free case for iPhone 4 owners. The case is black. Rivals criticised the move.', at);
    expect(lede.map((e) => [e.date, e.dateBasis])).toEqual([['2010-06-07', 'text'], ['2010-06-07', 'context']]);
    // … a present perfect stays the report's day …
    const perfect = extractEvents('Apple announced on Monday a free case for iPhone 4 owners. The case is black. Apple has shipped the first cases.', at);
    expect(perfect.map((e) => [e.date, e.dateBasis])).toEqual([['2010-06-07', 'text'], ['2010-06-08', 'publication']]);
    // … and with no recent day in the lede, an undated act is the report's day.
    const noLede = extractEvents('Apple has unveiled iPhone 4. The phone is thin. Apple sold 1.7 million phones in 2009. The case is black. Rivals criticised the price.', at);
    expect(noLede.map((e) => [e.date, e.dateBasis])).toEqual([['2010-06-08', 'publication'], ['2009', 'text'], ['2010-06-08', 'publication']]);
  });

  it('makes no event from opinions, descriptions, plans, states, questions or a bare attribution', () => {
    for (const text of [
      'I think the phone is beautiful.',
      'The iPod is a portable music player.',
      'Apple will release the phone in the coming weeks.',
      'The war has lasted nearly four years.',
      'Did Apple test the antenna?',
      'The White House said on Saturday evening.',
      'Apple said in a statement.',
      // A plan told after a dated scene is no act of that day.
      'Sanctions against Russia would be gradually lifted, and frozen assets would be pooled in a fund.',
      'Ukraine would be permanently barred from joining the alliance.',
      'The tariffs are expected to be cut.',
    ]) {
      expect(extractEvents(text, at), text).toEqual([]);
    }
  });

  it('reads a quote that opened in the sentence before as a quote, not as the start of one', () => {
    // Its closing mark opens nothing: the future inside the quote is the speaker's, the statement is the act.
    expect(one('We are going to move the digital hub into the cloud," said Steve Jobs during the keynote.')).toMatchObject({ dateBasis: 'publication', modality: 'reported' });
    // A sentence that is all quote, closing one opened before, tells no act of its own.
    expect(extractEvents('Steve leaves behind a company that only he could have built."', at)).toEqual([]);
  });

  it('takes a quoted opinion with its speaker for the speaker\'s statement, as any quote', () => {
    expect(one('"We think it\'s the future of notebooks," said Jobs.')).toMatchObject({ dateBasis: 'publication', modality: 'reported' });
    // The report's own opinion or question is still none.
    expect(extractEvents('I think the phone is beautiful, said nobody.', at)).toEqual([]);
    expect(extractEvents('"Is this the end?" asked Jobs.', at)).toEqual([]);
  });

  it('reads "called", "named" after a name or a subject pronoun as an act, after a noun as naming a thing', () => {
    expect(one('Jobs called the new software "the most advanced mobile operating system in the world."')).toMatchObject({ dateBasis: 'publication' });
    expect(one('GM named Fritz Henderson chief executive.')).toMatchObject({ dateBasis: 'publication' });
    expect(one('He called it the "hottest thing going in radio".')).toMatchObject({ dateBasis: 'publication' });
    expect(extractEvents('The new phone, called iPhone 4, is thinner.', at)).toEqual([]);
    expect(happeningOf('Apple released a program called iTunes.')?.start).toBe('Apple '.length);
  });

  it('passes over a short quoted word or name whole: its closing mark opens no quote', () => {
    expect(one('Jobs also noted that over five billion applications, commonly called "apps," have been purchased from the App Store.')).toMatchObject({ dateBasis: 'publication', summary: 'Jobs also noted that over five billion applications' });
    expect(one('The rubber cases, or "bumpers", wrap around the phone and have been found to alleviate the issues.')).toMatchObject({ dateBasis: 'publication' });
  });

  it('takes asking or telling someone to do something for an act, not for a report of speech', () => {
    expect(one('I have asked Tim Cook to be responsible for all of the day to day operations.')).toMatchObject({ dateBasis: 'publication', modality: 'occurred', summary: expect.stringContaining('asked Tim Cook') });
    expect(one('The board told the chief executive to find a successor.')).toMatchObject({ dateBasis: 'publication' });
    // Asking with no one asked is no directive; a bare "he asked" reports speech.
    expect(happeningOf('The insider, who asked to remain anonymous, is a doctor.')).toBeNull();
    expect(happeningOf('According to officials who asked not to be named, the list is long.')).toBeNull();
  });

  it('reads a present perfect told in a past statement as perfect at the telling, not at the report', () => {
    const told = extractEvents('Yesterday, at the conference, Jobs unveiled iPhone 4. The phone is thin. The screen is bright. Jobs also noted that five billion applications have been purchased.', at);
    expect(told.map((e) => [e.date, e.dateBasis])).toEqual([['2010-06-07', 'text'], ['2010-06-07', 'context']]);
    expect(happeningOf('Jobs noted that five billion applications have been purchased.')).toMatchObject({ time: 'past' });
    // A present telling leaves the perfect the report's.
    expect(happeningOf('Apple says it has sold two million iPads.')).toMatchObject({ time: 'perfect' });
  });

  it('takes reported speech as the statement, dated as told', () => {
    expect(one('Jobs said that the phones can be returned for a refund.')).toMatchObject({ dateBasis: 'publication', modality: 'reported' });
    expect(one('The Kremlin said on Friday that the plan was a basis for talks.')).toMatchObject({ date: '2010-06-04', dateBasis: 'text', modality: 'reported' });
  });

  it('makes the telling an event of its own when the date is the told happening\'s', () => {
    const told = (text: string) => extractEvents(text, at).map((e) => [e.date, e.dateBasis, e.modality]);
    // The date lies inside what was told: the release is 2011's, the announcement the report's day.
    expect(told('Jobs announced that the new system would be released in 2011.')).toEqual([['2011', 'text', 'scheduled'], ['2010-06-08', 'publication', 'reported']]);
    expect(told('Jobs said that his company sold 13.7 million Macs last year.')).toEqual([['2009', 'text', 'occurred'], ['2010-06-08', 'publication', 'reported']]);
    // A telling that goes on with a dated scene takes its date.
    expect(told('Jobs spoke on Monday. He said that the store will open next month.').slice(1)).toEqual([['2010-07', 'text', 'scheduled'], ['2010-06-07', 'context', 'reported']]);
    // The date right after the verb dates the telling: one event.
    expect(told('Apple announced Friday that it will give owners a free case.')).toEqual([['2010-06-04', 'text', 'reported']]);
    // A recent day may be the telling's own: one event.
    expect(told('The two sides said in a statement they had drafted a framework after talks on Sunday.')).toHaveLength(1);
    // A present telling is the report's day's.
    expect(told('Apple Corps claims that the store violates an agreement reached in 1991.')).toEqual([['1991', 'text', 'occurred'], ['2010-06-08', 'publication', 'reported']]);
    // "added" goes on with a statement already told.
    expect(told('They added that officials expect him to sign the deal next month.')).toHaveLength(1);
  });

  it('reads the predicate: past act, present perfect, past perfect, future, none', () => {
    expect(happeningOf('Apple sold 21 million iPods.')?.time).toBe('past');
    expect(happeningOf('Apple has settled its dispute.')?.time).toBe('perfect');
    expect(happeningOf('Apple had settled its dispute.')?.time).toBe('pluperfect');
    expect(happeningOf('Apple will settle its dispute.')?.time).toBe('future');
    expect(happeningOf('The iPod is popular.')).toBeNull();
    expect(isBareAttribution('Apple said on Monday.')).toBe(true);
    expect(isBareAttribution('The group would leave on Tuesday, Castro said.')).toBe(false);
  });
});

describe('the phrase that dates the event', () => {
  it('does not date an act by a comparison or reference point', () => {
    for (const text of [
      'Sales dropped 23% compared to March of 2008.',
      'The index fell to its lowest level since October 1997.',
      'Revenue rose 12% from a year earlier.',
      'Shares closed up from Wednesday.',
      'The FTSE 100 closed at 3,932.06, a decrease of 381.74 points from the close of trading Wednesday.',
      'The index fell 8.85%, down from the close of trading on Wednesday.',
      'Apple sold more phones than in 2008.',
      // A change counted from a point: "since" the point dates nothing.
      "Apple shares rose to $373.72, a drop of only $2.46 since Wednesday's close.",
    ]) {
      expect(one(text), text).toMatchObject({ date: '2010-06-08', dateBasis: 'publication' });
    }
  });

  it('takes the date that anchors the predicate when there are several', () => {
    expect(one("Yesterday, at this year's conference, Jobs unveiled the phone.")).toMatchObject({ date: '2010-06-07', dateText: 'Yesterday' });
    // The date of a source dates the report, not what it reports.
    expect(one('According to an April 2nd report, an internal memo showed Apple passed Wal-Mart in January.')).toMatchObject({ date: '2010-01', dateText: 'January' });
    expect(one('In a July 16 press conference, Jobs offered a free case.')).toMatchObject({ date: '2010-07-16' });
    // A year between a determiner and a common noun names which agreement.
    expect(one('The companies signed a settlement that replaces the 1991 agreement.')).toMatchObject({ date: '2010-06-08', dateBasis: 'publication' });
    // Two dates joined by "and" under one predicate are two happenings; a stretch "between" them is one.
    expect(extractEvents('He made an appearance in March and June to unveil the iPad 2.', at).map((e) => e.date)).toEqual(['2010-03', '2010-06']);
    expect(extractEvents('Sales rose between March and June.', at).map((e) => e.date)).toEqual(['2010-03']);
    // "As of" a date, a state holds: it dates the clause that follows; a header that ends with it dates nothing.
    expect(one('Their projections showed that as of January 2008, Apple held 19 percent of the market.')).toMatchObject({ date: '2008-01', dateText: 'January 2008' });
    expect(extractEvents('Market shares were counted as of January 2008', at).every((e) => e.dateBasis !== 'text')).toBe(true);
    // "No later than" sets a limit; it is no comparison.
    // A change with no amount counted from it: a state that began then.
    expect(one("The station has not seen a measurable drop of rain since mid-September.")).toMatchObject({ dateBasis: 'text', date: '2009-09' });
    expect(one('Kyiv must answer no later than Thursday next week.')).toMatchObject({ date: '2010-06-17', modality: 'deadline' });
  });
});

describe('an act some vague time ago', () => {
  it('is not dated by the report\'s day nor by the scene before, only by the act the article dated', () => {
    expect(extractEvents('The company was founded a few years ago by two students.', at)).toEqual([]);
    const scene = extractEvents('Apple unveiled Lion on Monday. Lion was announced at another Apple event several months ago.', at);
    expect(scene.map((e) => e.date)).toEqual(['2010-06-07']);
    const retold = extractEvents('Apple introduced the iMac in 1998. The iMac was introduced several years ago.', at);
    expect(retold.map((e) => [e.date, e.dateBasis])).toEqual([['1998', 'text'], ['1998', 'context']]);
  });
});

describe('a date in a participle set off by commas after the subject', () => {
  it('dates the participle\'s act, not the sentence\'s predicate', () => {
    const events = extractEvents('Jobs, born in San Francisco on February 24, 1955, has built the most valuable technology company in the world.', at);
    expect(events.map((e) => [e.date, e.dateBasis, e.summary])).toEqual([
      ['2010-06-08', 'publication', 'Jobs has built the most valuable technology company in the world'],
      ['1955-02-24', 'text', 'Jobs, born in San Francisco on February 24, 1955'],
    ]);
    // Every event keeps the sentence as written.
    expect(events.every((e) => e.sentence.startsWith('Jobs, born in San Francisco'))).toBe(true);
    // With no such participle the date dates the predicate as before.
    expect(one('He started Apple in 1976.')).toMatchObject({ date: '1976', dateBasis: 'text' });
    expect(one('On Monday, January 5, 2009, Apple said it had sold more phones.')).toMatchObject({ date: '2009-01-05' });
  });
});

describe('an act the article dated before', () => {
  const dates = (text: string) => extractEvents(text, at).map((e) => [e.date, e.dateBasis]);

  it('anchors "since <the act>" in a present perfect as a date after "since" would', () => {
    expect(dates('Apple launched the iTunes Music Store on April 28, 2003. Since its launch the store has sold more than 3 billion songs.'))
      .toEqual([['2003-04-28', 'text'], ['2003-04-28', 'context']]);
    // A possessive and a modifier before the act's noun; a simple-past act beside it keeps its own day.
    expect(dates("Jobs has been on medical leave since January. It is his third leave. Cook was recommended by Jobs and has been serving as interim CEO since the beginning of Jobs' medical leave."))
      .toEqual([['2010-01', 'text'], ['2010-06-08', 'publication'], ['2010-01', 'context']]);
    // An act the article never dated: the report's day, as before.
    expect(dates('Since its launch the store has sold more than 3 billion songs.')).toEqual([['2010-06-08', 'publication']]);
    // "since" with no perfect is no stretch of time ("since" = because): no anchor.
    expect(dates('Apple launched the store on April 28, 2003. Prices fell. Since its launch was a success, Google opened more stores.'))
      .toEqual([['2003-04-28', 'text'], ['2010-06-08', 'publication'], ['2010-06-08', 'publication']]);
  });

  it('dates a past act told as background by the same act dated before, with a name in common', () => {
    const text = 'Apple introduced iPhone 4 in May. Sales rose. When Jobs first introduced iPhone 4, analysts praised the screen.';
    expect(dates(text)[2]).toEqual(['2010-05', 'context']);
    // Not an act of the same kind, or no name in common: not that act.
    expect(dates('Apple introduced iPhone 4 in May. Sales rose. When Jobs first unveiled iPhone 4, analysts praised the screen.')[2]).toEqual(['2010-06-08', 'publication']);
    expect(dates('Apple introduced iPhone 4 in May. Sales rose. When Google first introduced Android, analysts praised it.')[2]).toEqual(['2010-06-08', 'publication']);
    // A past perfect with no such act stays without event.
    expect(dates('Sales rose. Google had introduced Android.')).toEqual([['2010-06-08', 'publication']]);
  });

  it('dates such a mention by the act the article dates further on, and drops what only that would date', () => {
    expect(dates('Since its launch the store has sold more than 3 billion songs. Prices fell. Apple launched the store on April 28, 2003.'))
      .toEqual([['2003-04-28', 'context'], ['2010-06-08', 'publication'], ['2003-04-28', 'text']]);
    expect(dates('Jobs had introduced iPhone 4 to cheers. Prices fell. Apple introduced iPhone 4 in May.'))
      .toEqual([['2010-05', 'context'], ['2010-06-08', 'publication'], ['2010-05', 'text']]);
    // Nothing dates it further on: the past perfect stays without event, the perfect the report's day.
    expect(dates('Jobs had introduced iPhone 4 to cheers. Since its launch the store has sold 3 billion songs.')).toEqual([['2010-06-08', 'publication']]);
  });

  it('knows an act by its stem', () => {
    expect(actStem('launched')).toBe(actStem('launch'));
    expect(actStem('introduced')).toBe(actStem('introduction'));
    expect(actStem('left')).toBe(actStem('leave'));
    expect(actStem('said')).toBeNull();
    expect(actStem('Apple')).toBeNull();
  });
});

describe('an act told in an opening participial clause', () => {
  it("is an event of its own, by the main clause's subject at the main clause's date", () => {
    const events = extractEvents('Apple unveiled iPhone 4 on Monday. While introducing iPhone 4, at the annual conference, Jobs started by hinting at the incident.', at);
    const clause = events.find((e) => e.summary.includes('introducing iPhone 4'));
    expect(clause).toMatchObject({ summary: 'While introducing iPhone 4, Jobs', modality: 'occurred', actors: ['iPhone', 'Jobs'] });
    expect(events.filter((e) => e.sentence.startsWith('While'))).toHaveLength(2);
    expect(new Set(events.filter((e) => e.sentence.startsWith('While')).map((e) => e.date)).size).toBe(1);
    expect(extractEvents('After unveiling the iPad, Apple raised its prices.', at).map((e) => e.summary)).toContain('After unveiling the iPad, Apple');
  });

  it('is none for a clause of a state, of speech or with its own date', () => {
    expect(extractEvents('Since moving to Mac OS X, Apple released four versions.', at)).toHaveLength(1);
    expect(extractEvents('While speaking to reporters, Jobs unveiled the phone.', at)).toHaveLength(1);
    expect(extractEvents('While acknowledging the plan may not be perfect, the minister signed it.', at)).toHaveLength(1);
    expect(extractEvents('After unveiling the iPad in January, Apple raised its prices.', at).filter((e) => e.summary.startsWith('After unveiling'))).toHaveLength(1);
  });
});

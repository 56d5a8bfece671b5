import { describe, expect, it } from 'vitest';
import { newNameTally, protagonistOf, tallyNames, withPronounSubject } from '../../src/events/protagonist.js';
import { extractEvents } from '../../src/events/extract-events.js';
import { isSameEvent } from '../../src/dedup/same-event.js';

describe('the protagonist a "He …" sentence speaks of', () => {
  it('is the person the article names most, told from an organisation by a last name that stands alone', () => {
    const tally = newNameTally();
    tallyNames(tally, ['Apple Computer', 'Steve Jobs']);
    tallyNames(tally, ['Apple Computer']);
    expect(protagonistOf(tally)).toBeNull(); // "Jobs" never stood alone yet, "Computer" never does
    tallyNames(tally, ['Jobs']);
    expect(protagonistOf(tally)).toBe('Steve Jobs');
    expect(withPronounSubject('He fought cancer in 2004.', [], 'Steve Jobs')).toEqual(['Steve Jobs']);
    // A sentence that names others keeps them alone; a sentence with another subject is untouched.
    expect(withPronounSubject('He also announced QuickTime for Windows.', ['QuickTime', 'Windows'], 'Steve Jobs')).toEqual(['QuickTime', 'Windows']);
    expect(withPronounSubject('The company fought the suit in 2004.', [], 'Steve Jobs')).toEqual([]);
  });

  it('lets two outlets\' "He …" reports of one happening meet', () => {
    const at = { publishedAt: '2011-08-25' };
    const lede = 'Steve Jobs resigned as chief executive of Apple. Jobs said he would stay as chairman. ';
    const a = extractEvents(`${lede}He fought pancreatic cancer in 2004.`, at).find((e) => e.date === '2004')!;
    const b = extractEvents(`${lede}He has been fighting pancreatic cancer since 2004.`, at).find((e) => e.date === '2004')!;
    expect(a.actors).toEqual(['Steve Jobs']);
    expect(isSameEvent({ ...a, reportedIn: ['a'] }, { ...b, reportedIn: ['b'] })).toBe(true);
  });
});

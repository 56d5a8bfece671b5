import { describe, expect, it } from 'vitest';
import { numbersOf } from '../../src/dedup/event-numbers.js';
import { mergeEvidence } from '../../src/dedup/merge-evidence.js';

describe('quantities a report gives', () => {
  it('reads a digit run glued to letters as a name or model, not a quantity', () => {
    expect([...numbersOf('Apple launched a 3G version of its iPhone')]).toEqual([]);
    expect([...numbersOf('the new A4 chip and 4K video')]).toEqual([]);
    // Units still make quantities.
    expect([...numbersOf('fell 6.5% to $199 after 10m sales of 99 cents')]).toEqual(['6.5%', '199', '10m', '99']);
  });

  it('reads percentage points and basis points as quantities of their own', () => {
    expect([...numbersOf('The Fed cut interest rates by 0.75 percentage points on Tuesday')]).toEqual(['0.75pp']);
    expect([...numbersOf('The bank cut rates by 75 basis points')]).toEqual(['75bp']);
    // A cut of 0.75 points and a rate of 3.5% share no quantity: two cuts, as far as numbers tell.
    const cut = { date: '2008-01-22', summary: 'The Fed cut rates by 0.75 percentage points', sentence: 'The Fed cut rates by 0.75 percentage points.', actors: ['Fed'] };
    const other = { date: '2008-01-22', summary: 'The Fed cut rates to 3.5%', sentence: 'The Fed cut rates to 3.5%.', actors: ['Fed'] };
    expect(mergeEvidence(cut, other).contradiction).toBe('quantities');
  });

  it('so that two acts about one model share no quantity', () => {
    const launch = { date: '2008-06-09', summary: 'Apple today launched a 3G version of its iPhone', sentence: 'Apple today launched a 3G version of its iPhone.', actors: ['Apple'] };
    const claim = { date: '2008-06-09', summary: 'Apple has claimed that the 3G iPhone will provide faster access', sentence: 'Apple has claimed that the 3G iPhone will provide faster access.', actors: ['Apple'] };
    expect(mergeEvidence(launch, claim).sharedNumber).toBe(false);
  });
});

import { describe, expect, it } from 'vitest';
import { findSameEvent, isSameEvent } from '../../src/dedup/same-event.js';

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

  it('merges an exact repeat whatever its wording similarity', () => {
    const sentence = 'He said so on Friday.';
    expect(isSameEvent(report('2025-11-21', sentence, 'said so'), report('2025-11-21', 'He said so, on Friday!', 'x'))).toBe(true);
  });

  it('picks the closest of several candidates', () => {
    const candidate = report('2025-11-23', 'Delegations met in Geneva for peace talks.', 'Delegations met in Geneva for peace talks', ['Geneva']);
    const near = { id: 'near', ...report('2025-11-23', 'The delegations met in Geneva for peace talks on Sunday.', 'delegations met in Geneva for peace talks', ['Geneva']) };
    const far = { id: 'far', ...report('2025-11-23', 'Talks in Geneva were announced.', 'talks in Geneva announced', ['Geneva']) };
    expect(findSameEvent(candidate, [far, near])?.id).toBe('near');
  });
});

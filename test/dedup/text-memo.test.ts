import { describe, expect, it } from 'vitest';
import { ReportMemo, TextMemo } from '../../src/dedup/text-memo.js';

/** A memo of `size` texts a generation whose function counts its calls per text. */
function countingMemo(size: number) {
  const calls = new Map<string, number>();
  const memo = new TextMemo((text: string) => {
    calls.set(text, (calls.get(text) ?? 0) + 1);
    return text.length;
  }, size);
  return { memo, calls: (text: string) => calls.get(text) ?? 0 };
}

describe('text memo', () => {
  it('keeps what is still asked for however many other texts pass', () => {
    const { memo, calls } = countingMemo(10);
    for (let i = 0; i < 1_000; i++) {
      memo.get('the candidate asked for by every article');
      memo.get(`a text seen once ${i}`);
    }
    expect(calls('the candidate asked for by every article')).toBe(1);
  });

  it('forgets what is not asked for within two generations', () => {
    const { memo, calls } = countingMemo(10);
    memo.get('asked once');
    for (let i = 0; i < 9; i++) memo.get(`filler ${i}`);
    // Still in the previous generation after one more generation has filled.
    for (let i = 9; i < 19; i++) memo.get(`filler ${i}`);
    memo.get('asked once');
    expect(calls('asked once')).toBe(1);
    // Two generations without it: gone, read again.
    for (let i = 19; i < 41; i++) memo.get(`filler ${i}`);
    memo.get('asked once');
    expect(calls('asked once')).toBe(2);
  });

  it('tells reports of one sentence apart by their other fields', () => {
    let computed = 0;
    const memo = new ReportMemo((report) => ({ n: ++computed, actors: report.actors.join() }), 10);
    const report = { sentence: 'Talks resumed on Monday.', summary: 'talks resumed', actors: ['Ukraine'] };
    expect(memo.get(report)).toBe(memo.get({ ...report, actors: ['Ukraine'] }));
    expect(memo.get({ ...report, actors: ['Ukraine', 'Russia'] }).actors).toBe('Ukraine,Russia');
    expect(computed).toBe(2);
  });
});

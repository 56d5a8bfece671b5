import { describe, expect, it } from 'vitest';
import { eventKeys } from '../../src/dedup/event-keys.js';
import { MERGE_BIAS, MERGE_WEIGHTS } from '../../src/dedup/merge-score.js';
import { isSameEvent } from '../../src/dedup/same-event.js';

const report = (sentence: string, actors: string[], date = '2011-06-06', summary = sentence) => ({ date, dateBasis: 'text', sentence, summary, actors, modality: 'occurred' });

const shareKey = (a: ReturnType<typeof report>, b: ReturnType<typeof report>) => {
  const keys = new Set(eventKeys(a));
  return eventKeys(b).some((key) => keys.has(key));
};

describe('the dedup index keys', () => {
  it('cannot hide a merge: without a shared word or participant, what else two reports share stays under the bias', () => {
    // The features two reports may share with no key in common (a day, a verb in another form,
    // a number, a modality) must not reach a merge on their own; if the weights change so that
    // they do, the keys must grow too.
    const keyless = ['sameDate', 'dateInside', 'sameAct', 'sharedNumber', 'sameModality'] as const;
    const most = keyless.reduce((sum, feature) => sum + Math.max(0, MERGE_WEIGHTS[feature]), MERGE_BIAS);
    expect(most).toBeLessThan(0);
  });

  it('gives every pair the merge joins a key in common, short names and wordless repeats included', () => {
    const reports = [
      report('Steve Jobs announced iCloud, a new service to sync data among devices.', ['Steve Jobs']),
      report('Jobs unveiled iCloud, a service that syncs data among all devices.', ['Jobs']),
      report('The EU and UK agreed a deal on fishing quotas.', ['EU', 'UK']),
      report('EU, UK agree fishing deal.', ['EU', 'UK'], '2011-06-07'),
      report('EU, UK: OK.', ['EU', 'UK']),
      report('EU, UK: OK.', ['EU', 'UK']),
      report('A ferry sailed from Dover at noon.', ['Dover']),
      report('Shares of Apple Inc. fell 5% on Monday.', ['Apple Inc.']),
      report('Apple shares dropped 5 percent.', ['Apple']),
    ];
    let merged = 0;
    for (const [i, a] of reports.entries()) {
      for (const b of reports.slice(i + 1)) {
        if (!isSameEvent(a, b)) continue;
        merged += 1;
        expect(shareKey(a, b), `${a.sentence} / ${b.sentence}`).toBe(true);
      }
    }
    expect(merged).toBeGreaterThanOrEqual(2);
    expect(isSameEvent(reports[4], reports[5])).toBe(true);
  });

  it('keys a name by its words as written, however short, and a sentence by its fingerprint', () => {
    const keys = eventKeys(report('EU: OK.', ['EU']));
    expect(keys).toContain('a:eu');
    expect(keys.filter((key) => key.startsWith('w:'))).toEqual([]);
    expect(keys).toContain('s:eu ok');
    expect(eventKeys(report('Apple Inc. unveiled the iPad.', ['Apple Inc.']))).toEqual(expect.arrayContaining(['a:apple', 'w:unveil', 'w:ipad']));
  });
});

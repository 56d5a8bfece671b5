import { describe, expect, it } from 'vitest';
import { modelNamesDiffer, modelNamesOf } from '../../src/dedup/model-names.js';
import { mergeEvidence } from '../../src/dedup/merge-evidence.js';

describe('model names', () => {
  it('reads a name with the number that picks its model, not dates, ranks or quantities', () => {
    expect([...modelNamesOf('Jobs unveiled iPhone 4 and iOS 4 on June 7, the No. 2 launch, at 24 percent off')]).toEqual(['iphone 4', 'ios 4']);
    expect([...modelNamesOf('The A380 landed after the iPhone 3G shipped')].sort()).toEqual(['a380', 'iphone 3g']);
  });

  it('reads a plural as its model ("A380s", "Boeing 747s"), a capital suffix as part of it ("iPhone 3GS")', () => {
    expect([...modelNamesOf('Emirates ordered eight more A380s and two Boeing 747s')].sort()).toEqual(['a380', 'boeing 747']);
    expect(modelNamesDiffer('Qatar Airways ordered 80 A350 aircraft', 'Qatar Airways ordered 80 A350s and three A380s')).toBe(false);
    expect(modelNamesDiffer('the iPhone 3GS went on sale', 'the iPhone 3G went on sale')).toBe(true);
  });

  it('tells two things apart when both reports name models and share none', () => {
    expect(modelNamesDiffer('iOS 4 was first introduced by Apple in April', 'When Jobs first introduced iPhone 4')).toBe(true);
    expect(modelNamesDiffer('Jobs unveiled iPhone 4, along with iOS 4', 'When Jobs first introduced iPhone 4')).toBe(false);
    expect(modelNamesDiffer('Airbus unveiled the A380', 'Airbus unveiled a new jet')).toBe(false);
    expect(modelNamesDiffer('Airbus unveiled the A380', 'Airbus unveiled the A350')).toBe(true);
  });

  it('keeps two launches of one company with one verb apart in the merge evidence', () => {
    const a = { date: '2010-04', dateBasis: 'text', summary: 'iOS 4 was first introduced by Apple in April', sentence: 'iOS 4 was first introduced by Apple in April.', actors: ['iOS', 'Apple'] };
    const b = { date: '2010-08-09', dateBasis: 'publication', modality: 'occurred', summary: 'When Apple CEO Steve Jobs first introduced iPhone 4', sentence: 'When Apple CEO Steve Jobs first introduced iPhone 4, he praised the antenna.', actors: ['Apple CEO Steve Jobs', 'iPhone'] };
    expect(mergeEvidence(a, b).contradiction).toBe('models');
  });
});

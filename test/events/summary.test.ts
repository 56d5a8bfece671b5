import { describe, expect, it } from 'vitest';
import { summarise } from '../../src/events/summary.js';

/** The summary of `sentence` around the first occurrence of `date`. */
const around = (sentence: string, date: string): string => {
  const at = sentence.indexOf(date);
  return summarise(sentence, at, at + date.length);
};

describe('summarise: relative clauses carry their antecedent', () => {
  it('puts the name before an apposition in the place of a subject "who"', () => {
    const s = 'US officials said the plan was drafted after consultations with Rustem Umerov, secretary of the Security Council, who served as defence minister until July and is a close ally of the president.';
    expect(around(s, 'July')).toBe('Rustem Umerov served as defence minister until July');
  });

  it('puts the noun phrase in the place of a subject "which"', () => {
    const s = 'Zelensky said talks have stalled over the future of the Zaporizhzhia nuclear power plant, which has been under Russian occupation since 2022.';
    expect(around(s, '2022')).toBe('The Zaporizhzhia nuclear power plant has been under Russian occupation since 2022');
  });

  it('keeps the clause that names the antecedent before "from which"', () => {
    const s = 'The plan also stipulates that “Russia will be invited to rejoin the G8,” from which it was expelled in 2014.';
    expect(around(s, '2014')).toBe('Russia will be invited to rejoin the G8, from which it was expelled in 2014');
  });

  it('still reads "Zelenskyy, who met …" as Zelenskyy meeting', () => {
    const s = 'Zelenskyy, who met a US Army delegation on Thursday, has acknowledged receiving the plan.';
    expect(around(s, 'Thursday')).toBe('Zelenskyy met a US Army delegation on Thursday');
  });
});

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

describe('summarise: the clause with the predicate', () => {
  const disclosed = 'Speaking to reporters in comments made public on Saturday, Zelensky disclosed that Washington had suggested a direct meeting in the United States, possibly in Miami, within the coming week.';

  it('widens verbless adverbials back to the clause they modify', () => {
    expect(around(disclosed, 'the coming week')).toBe('Zelensky disclosed that Washington had suggested a direct meeting in the United States, possibly in Miami, within the coming week');
  });

  it('joins an opening participial phrase to the main clause after it', () => {
    expect(around(disclosed, 'Saturday')).toBe('Speaking to reporters in comments made public on Saturday, Zelensky disclosed that Washington had suggested a direct meeting in the United States');
  });

  it('keeps a short clause whose verb is irregular or a participle', () => {
    const wrote = '"Our teams will work on the points of the plan to end the war," the president wrote overnight on Telegram.';
    expect(around(wrote, 'overnight')).toMatch(/^The president wrote overnight on Telegram: Our teams will work/);
    const aim = 'Officials expect a deal next week, with the aim of presenting it in Moscow later this month.';
    expect(around(aim, 'later this month')).toBe('With the aim of presenting it in Moscow later this month');
  });
});

describe('summarise: readable length and form', () => {
  it('cuts an over-long clause at the subordinate clause that holds the date', () => {
    const s = 'It comes as it was mooted that Zelensky may travel to the US in the coming days as Ukrainian and American officials work to secure a peace deal before Thanksgiving on Thursday.';
    expect(around(s, 'Thanksgiving')).toBe('Ukrainian and American officials work to secure a peace deal before Thanksgiving on Thursday');
  });

  it('gives a coordinated predicate the subject of a long first clause', () => {
    const s = 'The United States has proposed that Ukraine and Russia bring their nearly four-year-old war to an end by June and has offered to host fresh peace talks as early as next week, Zelensky has said.';
    expect(around(s, 'next week')).toBe('The United States … has offered to host fresh peace talks as early as next week');
  });

  it('drops a quotation mark whose partner fell outside the clause', () => {
    const s = 'In 2023, General Mark Milley declared that NATO would assist Ukraine to “go on the offensive to liberate Russian-occupied Ukraine.”';
    expect(around(s, '2023')).toBe('In 2023, General Mark Milley declared that NATO would assist Ukraine to go on the offensive to liberate Russian-occupied Ukraine');
    expect(around('They drafted a “refined peace framework” on Sunday.', 'Sunday')).toBe('They drafted a “refined peace framework” on Sunday');
  });
});

describe('summarise: end of the clause', () => {
  it('drops the full stop inside a closing quote but keeps the quote', () => {
    const s = 'The 2008 NATO summit in Bucharest declared that Ukraine and Georgia “will become members of NATO.”';
    expect(around(s, '2008')).toBe('The 2008 NATO summit in Bucharest declared that Ukraine and Georgia “will become members of NATO”');
  });
});

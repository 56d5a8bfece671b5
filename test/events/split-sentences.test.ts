import { describe, expect, it } from 'vitest';
import { splitSentences } from '../../src/events/split-sentences.js';

const texts = (s: string): string[] => splitSentences(s).map((x) => x.text);

describe('splitSentences', () => {
  it('survives "U.S.", "Gen.", initials, decimals and quotes', () => {
    expect(texts('Gen. Mark Milley spoke in the U.S. on Monday. The U.S. said 1.2 million men died. J. R. Smith agreed.')).toEqual([
      'Gen. Mark Milley spoke in the U.S. on Monday.',
      'The U.S. said 1.2 million men died.',
      'J. R. Smith agreed.',
    ]);
    expect(texts('“We are ready,” he said. “They want it by June.” Zelensky said so.')).toEqual([
      '“We are ready,” he said.',
      '“They want it by June.”',
      'Zelensky said so.',
    ]);
    expect(texts('It rose 3.5% to $1.2 billion in Sept. 2025. Is it? Yes!')).toEqual([
      'It rose 3.5% to $1.2 billion in Sept. 2025.',
      'Is it?',
      'Yes!',
    ]);
  });

  it('ends a sentence after "U.S." when a new one clearly starts, and after a.m./p.m.', () => {
    expect(texts('The talks were in the U.S. The next day came.')).toEqual(['The talks were in the U.S.', 'The next day came.']);
    expect(texts('He left at 5 p.m. Then he called. It ends at 5 p.m. EST Friday.')).toEqual([
      'He left at 5 p.m.', 'Then he called.', 'It ends at 5 p.m. EST Friday.',
    ]);
  });

  it('treats lines as blocks but joins a line broken mid-sentence', () => {
    expect(texts('Headline without stop\nA sentence. Another one.\n\nguaranteeing the fall of\n\nthe regime.')).toEqual([
      'Headline without stop', 'A sentence.', 'Another one.', 'guaranteeing the fall of\n\nthe regime.',
    ]);
  });

  it('starts a sentence at a typographic opening quote even in lower case, not after an abbreviation', () => {
    expect(texts('The delegation is returning to Kyiv today. “the Americans stayed to negotiate,” he said.')).toEqual([
      'The delegation is returning to Kyiv today.', '“the Americans stayed to negotiate,” he said.',
    ]);
    expect(texts('He met Gen. “the hammer” Smith.')).toEqual(['He met Gen. “the hammer” Smith.']);
  });

  it('starts a sentence at a name written with a small first letter ("iPhone", "eBay"), not after an abbreviation', () => {
    expect(texts('Android phones managed to outsell iPhones. iPhone users account for half of those surfing.')).toEqual([
      'Android phones managed to outsell iPhones.',
      'iPhone users account for half of those surfing.',
    ]);
    expect(texts('Sales rose in the U.S. iPhone sales led.')).toHaveLength(1);
    expect(texts('It rose. eBay said so.')).toHaveLength(2);
  });

  it('gives offsets into the input', () => {
    const input = '  One here.  Two there.';
    for (const s of splitSentences(input)) expect(input.slice(s.start, s.end)).toBe(s.text);
  });

  it('copes with empty input and 1 MB without a full stop', () => {
    expect(splitSentences('')).toEqual([]);
    const big = 'word '.repeat(200_000);
    const t0 = performance.now();
    expect(splitSentences(big)).toHaveLength(1);
    expect(performance.now() - t0).toBeLessThan(1_000);
  });
});

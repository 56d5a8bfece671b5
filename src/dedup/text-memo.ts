/**
 * The last results of a pure function of a text. The merge compares each new event with every
 * candidate near its date, so a stored event's sentence and summary were read again (tokens,
 * verbs, acts, quantities, name slots) for each comparison: most of the merge's main-thread CPU
 * on the benchmark pages. Bounded; past the bound the oldest text goes (a new article's events
 * and their candidates are what repeat). Results are shared: callers must not change them.
 */
export class TextMemo<T> {
  private readonly results = new Map<string, T>();

  constructor(
    private readonly compute: (text: string) => T,
    private readonly max = MEMO_TEXTS,
  ) {}

  get(text: string): T {
    let result = this.results.get(text);
    if (result === undefined) {
      result = this.compute(text);
      if (this.results.size >= this.max) this.results.delete(this.results.keys().next().value as string);
      this.results.set(text, result);
    }
    return result;
  }
}

/** 20,000 texts of a few hundred characters: a few MB at most per function. */
const MEMO_TEXTS = 20_000;

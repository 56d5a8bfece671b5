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

/** What a report memo tells reports apart by: its sentence, then the rest of what was read. */
export interface MemoReport {
  sentence: string;
  summary: string;
  actors: readonly string[];
  openerNamed?: boolean;
}

/**
 * The last results of a pure function of a report's texts and actors, found by its sentence and
 * then by equal fields, without building a key of the whole report: the merge asks for those of
 * every candidate it reads from the store (a fresh object each article), and a key string made of
 * sentence, summary and actors was most of what those look-ups allocated. Bounded by sentences;
 * past the bound the oldest sentence goes. Results are shared: callers must not change them.
 */
export class ReportMemo<T> {
  private readonly bySentence = new Map<string, Array<{ report: MemoReport; result: T }>>();

  constructor(
    private readonly compute: (report: MemoReport) => T,
    private readonly max = MEMO_TEXTS,
  ) {}

  get(report: MemoReport): T {
    const entries = this.bySentence.get(report.sentence);
    const known = entries?.find((entry) => sameReport(entry.report, report));
    if (known) return known.result;
    // A copy of what was read: the caller's report may gain actors later.
    const read: MemoReport = { sentence: report.sentence, summary: report.summary, actors: [...report.actors], openerNamed: report.openerNamed };
    const result = this.compute(read);
    if (entries) entries.push({ report: read, result });
    else {
      if (this.bySentence.size >= this.max) this.bySentence.delete(this.bySentence.keys().next().value as string);
      this.bySentence.set(report.sentence, [{ report: read, result }]);
    }
    return result;
  }
}

function sameReport(a: MemoReport, b: MemoReport): boolean {
  return a.summary === b.summary && a.openerNamed === b.openerNamed && a.actors.length === b.actors.length && a.actors.every((actor, i) => actor === b.actors[i]);
}

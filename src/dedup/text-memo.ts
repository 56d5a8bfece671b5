/**
 * What a memo keeps: the last two generations of entries. New entries go into the current
 * generation; when it is full it becomes the previous one and the one before is dropped; an
 * entry found in the previous generation moves back into the current one. So what is still
 * asked for stays (a new article's candidates are the events of its story and days, asked for
 * article after article), what is not asked for goes within two generations, and the size is
 * at most two generations whatever the store holds. A memo bounded only by a large count (and
 * emptied oldest first) kept growing for as long as the service ran below that count: over the
 * 10,000-article benchmark it was most of the main thread's growing live heap (about 7 KB per
 * article), which V8 then let grow several times over as garbage between major GCs.
 */
class Generations<K, V> {
  private current = new Map<K, V>();
  private previous = new Map<K, V>();

  constructor(private readonly size: number) {}

  get(key: K): V | undefined {
    const value = this.current.get(key);
    if (value !== undefined) return value;
    const older = this.previous.get(key);
    if (older !== undefined) this.set(key, older);
    return older;
  }

  set(key: K, value: V): void {
    if (this.current.size >= this.size) {
      this.previous = this.current;
      this.current = new Map();
    }
    this.current.set(key, value);
  }
}

/**
 * Texts per generation. Two generations of 2,000 sentences hold the candidates of the last few
 * dozen articles, which is where a stored event comes back.
 */
const MEMO_TEXTS = 2_000;

/**
 * The recent results of a pure function of a text. The merge compares each new event with every
 * candidate near its date, so a stored event's sentence and summary were read again (tokens,
 * verbs, acts, quantities, name slots) for each comparison: most of the merge's main-thread CPU
 * on the benchmark pages. Results are shared: callers must not change them.
 */
export class TextMemo<T> {
  private readonly results: Generations<string, T>;

  constructor(
    private readonly compute: (text: string) => T,
    size = MEMO_TEXTS,
  ) {
    this.results = new Generations(size);
  }

  get(text: string): T {
    let result = this.results.get(text);
    if (result === undefined) {
      result = this.compute(text);
      this.results.set(text, result);
    }
    return result;
  }
}

/** What a report memo tells reports apart by: its sentence, then the rest of what was read. */
export interface MemoReport {
  sentence: string;
  summary: string;
  actors: readonly string[];
  openerNamed?: boolean;
}

/**
 * The recent results of a pure function of a report's texts and actors, found by its sentence
 * and then by equal fields, without building a key of the whole report: the merge asks for those
 * of every candidate it reads from the store (a fresh object each article), and a key string made
 * of sentence, summary and actors was most of what those look-ups allocated. Kept by sentence, in
 * generations of `size` sentences. Results are shared: callers must not change them.
 */
export class ReportMemo<T> {
  private readonly bySentence: Generations<string, Array<{ report: MemoReport; result: T }>>;

  constructor(
    private readonly compute: (report: MemoReport) => T,
    size = MEMO_TEXTS,
  ) {
    this.bySentence = new Generations(size);
  }

  get(report: MemoReport): T {
    const entries = this.bySentence.get(report.sentence);
    const known = entries?.find((entry) => sameReport(entry.report, report));
    if (known) return known.result;
    // A copy of what was read: the caller's report may gain actors later.
    const read: MemoReport = { sentence: report.sentence, summary: report.summary, actors: [...report.actors], openerNamed: report.openerNamed };
    const result = this.compute(read);
    if (entries) entries.push({ report: read, result });
    else this.bySentence.set(report.sentence, [{ report: read, result }]);
    return result;
  }
}

function sameReport(a: MemoReport, b: MemoReport): boolean {
  return a.summary === b.summary && a.openerNamed === b.openerNamed && a.actors.length === b.actors.length && a.actors.every((actor, i) => actor === b.actors[i]);
}

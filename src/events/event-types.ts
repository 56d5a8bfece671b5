/**
 * The types the event rules share: one file, so that the date, modality and extraction modules
 * import it and not each other (they formed a type cycle before).
 */
export type Granularity = 'day' | 'week' | 'month' | 'quarter' | 'year';
export type Modality = 'occurred' | 'scheduled' | 'deadline' | 'reported';
/** How the date was found: a date expression, the publication day, or the sentence it continues. */
export type DateBasis = 'text' | 'publication' | 'context';

/** A date at one of the granularities the service stores. */
export interface EventDate {
  date: string;
  granularity: Granularity;
  /** First and last day covered, as 'YYYY-MM-DD', to compare with the publication date. */
  from: string;
  to: string;
}

export interface ExtractedEvent {
  date: string;
  granularity: Granularity;
  dateBasis: DateBasis;
  modality: Modality;
  summary: string;
  actors: string[];
  dateText: string;
  sentence: string;
  /**
   * Set when the sentence opens with a one-word actor that its article shows to be a name
   * (written as a name inside another sentence, or the person it names most): the merge counts
   * it as a participant though it only opens the sentence (dedup/named-participants.ts).
   */
  openerNamed?: true;
}

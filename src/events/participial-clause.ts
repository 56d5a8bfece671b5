/**
 * An act told in an opening participial clause: "While introducing iPhone 4, at the annual
 * conference, Jobs started by hinting at the incident", "After unveiling the iPad, Apple …". The
 * introduction is a happening of its own, done by the main clause's subject at the main clause's
 * time (or at the clause's own date); the main clause's act is another.
 *
 * Not "Since moving to Mac OS X, …" (a state that began then, no act of that day) nor a
 * participle of speech or of being ("While saying …", "After having …": no act of their own).
 */

export interface ParticipialClause {
  /** The clause, from its subordinator to the comma that closes it. */
  start: number;
  end: number;
  /** The participle. */
  verbStart: number;
  verbEnd: number;
}

/**
 * A subordinator of time, then a participle and at least one word of its object before a comma:
 * the clause stands before the main clause's subject.
 */
const OPENING = /^(\s*(?:While|After|Before|Upon|On|When|Whilst)\s+)(\p{Ll}{3,}ing)\s+[^,;:.!?]*?[\p{L}\p{N}][^,;:.!?]*?,/u;

/**
 * Participles that name no act of their own: being, having, doing, going …, and those of speech
 * or thought, whose clause is a concession or a frame ("While acknowledging the plan may not be
 * perfect, …", "While noting that …").
 */
const NOT_ACT =
  /^(?:being|having|doing|going|getting|trying|waiting|looking|using|working|living|making|taking|coming|seeing|feeling|hearing|saying|speaking|talking|telling|asking|answering|writing|reading|thinking|believing|hoping|expecting|knowing|acknowledging|admitting|conceding|noting|arguing|claiming|insisting|stressing|emphasi[sz]ing|recogni[sz]ing|accepting|welcoming|citing|warning|adding|explaining|describing|calling|praising|critici[sz]ing)$/;

/** What follows the clause: the main clause's subject (a name or a pronoun) or a fronted phrase before it. */
const MAIN_CLAUSE_AFTER = /^\s*(?:[\p{Lu}]|(?:he|she|it|they|we|the|a|an|his|her|its|their|at|in|on)\b)/u;

export function participialClauseOf(sentence: string): ParticipialClause | null {
  const m = OPENING.exec(sentence);
  if (!m || NOT_ACT.test(m[2])) return null;
  const end = m[0].length - 1;
  if (!MAIN_CLAUSE_AFTER.test(sentence.slice(end + 1))) return null;
  const verbStart = m[1].length;
  return { start: m[1].search(/\S/), end, verbStart, verbEnd: verbStart + m[2].length };
}

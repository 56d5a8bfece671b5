/**
 * The models a report names: a name and the number that picks one of its line ("iPhone 4",
 * "iOS 4", "iPad 2", "iPhone 3G", "FTSE 100", "Boeing 747"), or a name with its number glued
 * ("A380"). Two reports that both name models and share none tell of two things, however much
 * else they share: "iOS 4 was first introduced in April" and "Jobs first introduced iPhone 4"
 * are two launches by one company with one verb. A report naming no model says nothing.
 */
import { TextMemo } from './text-memo.js';

/** A word with a capital in it (a name as written), then a short number with maybe a letter suffix. */
const SPACED = /(?<![\p{L}\p{N}])(\p{L}*\p{Lu}\p{L}*)\s+(\d{1,3}[A-Za-z]{0,2})(?![\p{L}\p{N}]|[.,]\d|\s*(?:%|percent|per\s+cent|million|billion))/gu;
/** Capitals glued to a number: "A380", "G5", "MP3". */
const GLUED = /(?<![\p{L}\p{N}])(\p{Lu}{1,3}\d{1,4}\p{L}?)(?![\p{L}\p{N}])/gu;
/** Words before a number that make it a date or a rank, not a model ("June 24", "No. 2"). */
const NOT_MODEL = /^(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?|no|number|top|chapter|section|article|page|room|route|gate|flight|i|we)$/i;

export function modelNamesOf(text: string): ReadonlySet<string> {
  return modelMemo.get(text);
}

function readModels(text: string): ReadonlySet<string> {
  const models = new Set<string>();
  for (const m of text.matchAll(SPACED)) if (!NOT_MODEL.test(m[1])) models.add(`${m[1]} ${singular(m[2])}`.toLowerCase());
  for (const m of text.matchAll(GLUED)) models.add(singular(m[1]).toLowerCase());
  return models;
}

/** "eight more A380s", "two Boeing 747s": a plural names the model ("A380"); a capital suffix ("3GS") is part of it. */
function singular(model: string): string {
  return model.replace(/(\d)s$/, '$1');
}

/** Both name models and none is the same. */
export function modelNamesDiffer(a: string, b: string): boolean {
  return modelsDiffer(modelNamesOf(a), modelNamesOf(b));
}

/** The same, for the models of two texts read already (modelNamesOf). */
export function modelsDiffer(ma: ReadonlySet<string>, mb: ReadonlySet<string>): boolean {
  return ma.size > 0 && mb.size > 0 && ![...ma].some((model) => mb.has(model));
}

const modelMemo = new TextMemo(readModels);

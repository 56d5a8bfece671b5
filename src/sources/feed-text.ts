import { XMLValidator, type X2jOptions, type XMLParser } from 'fast-xml-parser';
import { stripInvalidCodePoints } from '../text-hygiene.js';

/**
 * Helpers shared by the feed and sitemap parsers: fast-xml-parser gives a text node as a string,
 * as `{ '#text': …, '@_attr': … }` when it has attributes, or as an array when it repeats.
 */

export type XmlNode = string | number | boolean | null | undefined | XmlObject | XmlNode[];
export interface XmlObject {
  [key: string]: XmlNode;
}

export function asArray(node: XmlNode): XmlNode[] {
  if (node === undefined || node === null) return [];
  return Array.isArray(node) ? node : [node];
}

export function asObject(node: XmlNode): XmlObject | null {
  return node && typeof node === 'object' && !Array.isArray(node) ? node : null;
}

/** The text content of a node: its `#text`, or its descendants' text joined (Atom type="xhtml"). */
export function textOf(node: XmlNode): string | null {
  if (node === undefined || node === null) return null;
  // Character references (`&#1;`) are expanded by the parser after decodeBody cleaned the bytes.
  if (typeof node === 'string' || typeof node === 'number' || typeof node === 'boolean') return stripInvalidCodePoints(String(node)).trim() || null;
  if (Array.isArray(node)) return textOf(node[0]);
  if (node['#text'] !== undefined) return textOf(node['#text']);
  const parts = Object.entries(node)
    .filter(([key]) => !key.startsWith('@_'))
    .map(([, child]) => textOf(child))
    .filter((part): part is string => part !== null);
  return parts.length ? parts.join(' ') : null;
}

export function attributeOf(node: XmlNode, name: string): string | null {
  const object = asObject(node);
  const value = object?.[`@_${name}`];
  return typeof value === 'string' ? stripInvalidCodePoints(value).trim() || null : null;
}

const NAMED_ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ', mdash: '—', ndash: '–', hellip: '…', rsquo: '’', lsquo: '‘', rdquo: '”', ldquo: '“' };

/** Titles of type="html" and RSS titles often carry escaped markup: keep the words only. */
export function plainTitle(text: string | null): string | null {
  if (!text) return null;
  const plain = stripInvalidCodePoints(text)
    .replace(/<[^>]*>/g, ' ')
    .replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (entity, name: string) => decodeEntity(name) ?? entity)
    .replace(/\s+/g, ' ')
    .trim();
  return plain || null;
}

function decodeEntity(name: string): string | null {
  if (name[0] !== '#') return NAMED_ENTITIES[name.toLowerCase()] ?? null;
  const code = name[1] === 'x' || name[1] === 'X' ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
  return Number.isFinite(code) && code > 0 && code <= 0x10ffff ? stripInvalidCodePoints(String.fromCodePoint(code)) : null;
}

/** Leading BOM and whitespace: an XML declaration must be the very first thing the parser sees. */
export function stripXmlPreamble(text: string): string {
  return text.replace(/^\uFEFF/, '').trimStart();
}

/**
 * fast-xml-parser's validator reports a truncated document as `Invalid '["rss","channel"]' found.`;
 * say it in words a person reading the source's error will understand.
 */
export function describeXmlFault(error: { line: number; msg: string }): string {
  const unclosed = /^Invalid '\[(.*)\]' found\.?$/s.exec(error.msg.trim());
  if (unclosed) {
    const names = unclosed[1].split(',').map((name) => name.trim().replace(/^"|"$/g, '')).filter(Boolean);
    return `line ${error.line}: unclosed <${names.join('> <')}> (document truncated?)`;
  }
  return `line ${error.line}: ${error.msg.replace(/\.$/, '')}`;
}

/**
 * Entity limits for fast-xml-parser: caps on DOCTYPE-declared entities only (the "billion
 * laughs" attack). With fast-xml-parser's default (`appliesTo: 'all'`) the five built-in ones
 * count too, and a sitemap with 10,001 `&amp;` in its URLs fails. `appliesTo` is read by
 * fast-xml-parser 5 but missing from its typings, hence the cast.
 */
export const ENTITY_LIMITS = {
  enabled: true,
  appliesTo: 'external',
  maxEntityCount: 100,
  maxTotalExpansions: 10_000,
  maxExpandedLength: 1_000_000,
} as unknown as X2jOptions['processEntities'];

/**
 * Parses an XML document that may be broken: the validator's fault (if any) comes back beside
 * the document, so that a caller can salvage what parsed and warn; when nothing parses at all,
 * `malformed` makes the error, with the validator's words where it has them.
 */
export function parseXmlLeniently(parser: XMLParser, source: string, malformed: (reason: string) => Error): { document: XmlObject; fault: string | null } {
  const validation = XMLValidator.validate(source);
  const fault = validation === true ? null : describeXmlFault(validation.err);
  try {
    return { document: parser.parse(source) as XmlObject, fault };
  } catch (error) {
    throw malformed(fault ?? (error as Error).message);
  }
}

import { isUtf8 } from 'node:buffer';
import iconv from 'iconv-lite';
import { stripInvalidCodePoints } from '../text-hygiene.js';

/**
 * Bytes to text. Order of evidence, after the WHATWG Encoding and HTML sniffing rules:
 *   1. a byte order mark (it cannot be there by accident),
 *   2. the charset in Content-Type, 3. `<meta charset>` / `http-equiv` in the first 4 KiB,
 *   4. the XML declaration, 5. UTF-8.
 * Declarations are often wrong (a CMS moved to UTF-8, the server config did not), so the bytes
 * get the last word: non-ASCII bytes that form valid UTF-8 are UTF-8 whatever was declared (a
 * legacy-encoded text almost never forms valid multi-byte sequences by chance), and bytes that
 * are not valid UTF-8 are decoded with the declared legacy charset that reads most plausibly.
 *
 * `charset` is the WHATWG name of what was used: 'utf-8', 'windows-1251', 'windows-1252' …
 * (ISO-8859-1 and US-ASCII labels mean windows-1252 in the Encoding Standard, as in browsers).
 */
export function decodeBody(bytes: Buffer, contentType: string | null): { text: string; charset: string } {
  // The one door fetched bytes (feeds, sitemaps, pages, robots.txt) come through as text: a NUL
  // or other invalid code point is dropped here rather than failing a store write downstream.
  const decoded = decodeBytes(bytes, contentType);
  return { text: stripInvalidCodePoints(decoded.text), charset: decoded.charset };
}

function decodeBytes(bytes: Buffer, contentType: string | null): { text: string; charset: string } {
  const bom = bomCharset(bytes);
  if (bom) return { text: iconv.decode(bytes.subarray(bom.length), bom.charset), charset: bom.charset };
  const declared = unique([charsetFromContentType(contentType), sniffMetaCharset(bytes), sniffXmlEncoding(bytes)]);
  if (isAscii(bytes)) {
    const charset = declared.find((name) => !isUtf16(name)) ?? 'utf-8';
    return { text: bytes.toString('latin1'), charset };
  }
  const utf8 = decodeUtf8Strict(bytes);
  if (utf8 !== null) return { text: utf8, charset: 'utf-8' };
  const legacy = declared.filter((name) => name !== 'utf-8' && !isUtf16(name));
  const candidates = legacy.length ? legacy : FALLBACK_LEGACY;
  return mostPlausible(bytes, candidates);
}

/** When nothing usable is declared and the bytes are not UTF-8: the two commonest legacy charsets of news sites. */
const FALLBACK_LEGACY = ['windows-1252', 'windows-1251'];

function bomCharset(bytes: Buffer): { charset: string; length: number } | null {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return { charset: 'utf-8', length: 3 };
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { charset: 'utf-16le', length: 2 };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { charset: 'utf-16be', length: 2 };
  return null;
}

/** WHATWG Encoding Standard label → name, for the labels that are aliases of another encoding. */
const LABEL_ALIASES: Record<string, string> = {
  'iso-8859-1': 'windows-1252', 'iso8859-1': 'windows-1252', latin1: 'windows-1252', 'l1': 'windows-1252', 'us-ascii': 'windows-1252',
  ascii: 'windows-1252', 'cp1252': 'windows-1252', 'x-cp1252': 'windows-1252', 'cp1251': 'windows-1251', 'x-cp1251': 'windows-1251',
  utf8: 'utf-8', 'unicode-1-1-utf-8': 'utf-8', 'koi8r': 'koi8-r', 'cp866': 'ibm866', 'iso-8859-9': 'windows-1254', latin5: 'windows-1254',
  'iso-8859-11': 'windows-874', 'tis-620': 'windows-874', gb2312: 'gbk', 'x-gbk': 'gbk', 'x-sjis': 'shift_jis', sjis: 'shift_jis', utf16: 'utf-16le', 'utf-16': 'utf-16le',
};

/** A supported charset name for a declared label, or null for labels iconv-lite cannot decode. */
export function normalizeCharset(label: string | null | undefined): string | null {
  if (!label) return null;
  const lower = label.trim().replace(/^["']|["']$/g, '').toLowerCase();
  if (!lower) return null;
  const name = LABEL_ALIASES[lower] ?? lower;
  return iconv.encodingExists(name) ? name : null;
}

export function charsetFromContentType(contentType: string | null): string | null {
  const match = /charset\s*=\s*["']?([^;"'\s]+)/i.exec(contentType ?? '');
  return normalizeCharset(match?.[1]);
}

/** HTML's prescan looks at the first 1024 bytes; 4 KiB also catches meta tags after long inline scripts. */
const SNIFF_BYTES = 4096;

function sniffMetaCharset(bytes: Buffer): string | null {
  const head = bytes.subarray(0, SNIFF_BYTES).toString('latin1');
  const direct = /<meta[^>]+charset\s*=\s*["']?\s*([a-z0-9_:.-]+)/i.exec(head);
  return normalizeCharset(direct?.[1]);
}

function sniffXmlEncoding(bytes: Buffer): string | null {
  const head = bytes.subarray(0, 256).toString('latin1');
  const match = /^\s*<\?xml[^>]*encoding\s*=\s*["']([^"']+)["']/i.exec(head);
  return normalizeCharset(match?.[1]);
}

function isAscii(bytes: Buffer): boolean {
  for (let index = 0; index < bytes.length; index += 1) if (bytes[index] > 0x7f) return false;
  return true;
}

function isUtf16(name: string): boolean {
  return name.startsWith('utf-16');
}

/**
 * The text of bytes that are valid UTF-8, else null. Checked with buffer.isUtf8 (a vectorised
 * scan) and decoded with Buffer's own decoder: the same text as a fatal TextDecoder (a BOM never
 * reaches here, see bomCharset), which took 4.6% of an article's analysis on the benchmark pages.
 */
function decodeUtf8Strict(bytes: Buffer): string | null {
  return isUtf8(bytes) ? bytes.toString('utf8') : null;
}

/**
 * Among legacy candidates (e.g. a header saying ISO-8859-1 and a meta saying windows-1251), the
 * one whose text looks least like mojibake. Ties go to the earlier (more authoritative) one.
 */
function mostPlausible(bytes: Buffer, candidates: string[]): { text: string; charset: string } {
  let best: { text: string; charset: string; score: number } | null = null;
  for (const charset of candidates) {
    const text = iconv.decode(bytes, charset);
    const score = mojibakeScore(text);
    if (!best || score < best.score) best = { text, charset, score };
  }
  return { text: best!.text, charset: best!.charset };
}

/**
 * Signs of the wrong charset: replacement and C1 control characters, and words made mostly of
 * accented Latin letters — real French or German words are mostly ASCII letters, while Cyrillic
 * or Greek read as windows-1252 turns whole words into À–ÿ.
 */
export function mojibakeScore(text: string): number {
  let score = (text.match(/[\uFFFD\u0080-\u009F]/g) ?? []).length * 4;
  for (const word of text.match(/[\p{L}]{3,}/gu) ?? []) {
    const accented = (word.match(/[\u00C0-\u00FF]/g) ?? []).length;
    if (accented * 2 > word.length) score += 1;
    if (/[A-Za-z\u00C0-\u024F]/.test(word) && /[\u0370-\u052F]/.test(word)) score += 2; // Latin and Cyrillic/Greek in one word
  }
  return score;
}

function unique(names: (string | null)[]): string[] {
  return [...new Set(names.filter((name): name is string => name !== null))];
}

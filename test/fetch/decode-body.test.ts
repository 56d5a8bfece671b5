import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { decodeBody, normalizeCharset } from '../../src/fetch/decode-body.js';

const RUSSIAN = 'Переговоры в Женеве продолжатся в четверг';
const FRENCH = 'Les négociations à Genève reprendront jeudi, a déclaré le ministre';

describe('decodeBody', () => {
  it('reads windows-1251 declared in the header', () => {
    const bytes = iconv.encode(`<p>${RUSSIAN}</p>`, 'windows-1251');
    expect(decodeBody(bytes, 'text/html; charset=windows-1251')).toEqual({ text: `<p>${RUSSIAN}</p>`, charset: 'windows-1251' });
  });

  it('reads windows-1251 declared only in a meta tag', () => {
    const html = `<html><head><meta charset="windows-1251"><title>t</title></head><body>${RUSSIAN}</body></html>`;
    const result = decodeBody(iconv.encode(html, 'windows-1251'), 'text/html');
    expect(result.charset).toBe('windows-1251');
    expect(result.text).toContain(RUSSIAN);
  });

  it('reads a charset from http-equiv and from an XML declaration', () => {
    const html = `<meta http-equiv="Content-Type" content="text/html; charset=windows-1251">${RUSSIAN}`;
    expect(decodeBody(iconv.encode(html, 'windows-1251'), null).text).toContain(RUSSIAN);
    const xml = `<?xml version="1.0" encoding="windows-1251"?><rss><title>${RUSSIAN}</title></rss>`;
    expect(decodeBody(iconv.encode(xml, 'windows-1251'), 'application/rss+xml')).toMatchObject({ charset: 'windows-1251' });
  });

  it('reads ISO-8859-1 as windows-1252 (WHATWG)', () => {
    const bytes = iconv.encode(FRENCH, 'latin1');
    expect(decodeBody(bytes, 'text/html; charset=ISO-8859-1')).toEqual({ text: FRENCH, charset: 'windows-1252' });
  });

  it('strips a UTF-8 byte order mark whatever the header says', () => {
    const bytes = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(RUSSIAN, 'utf8')]);
    expect(decodeBody(bytes, 'text/html; charset=windows-1251')).toEqual({ text: RUSSIAN, charset: 'utf-8' });
  });

  it('decodes UTF-16 with a BOM', () => {
    const bytes = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(RUSSIAN, 'utf16le')]);
    expect(decodeBody(bytes, null)).toEqual({ text: RUSSIAN, charset: 'utf-16le' });
  });

  it('prefers valid UTF-8 bytes over a wrong ISO-8859-1 header', () => {
    expect(decodeBody(Buffer.from(FRENCH, 'utf8'), 'text/html; charset=iso-8859-1')).toEqual({ text: FRENCH, charset: 'utf-8' });
  });

  it('prefers the meta charset when a UTF-8 header is contradicted by the bytes', () => {
    const html = `<meta charset="windows-1251">${RUSSIAN}`;
    const result = decodeBody(iconv.encode(html, 'windows-1251'), 'text/html; charset=utf-8');
    expect(result).toEqual({ text: html, charset: 'windows-1251' });
  });

  it('picks the plausible one when header and meta name different legacy charsets', () => {
    const html = `<meta charset="windows-1251"><p>${RUSSIAN}</p>`;
    const result = decodeBody(iconv.encode(html, 'windows-1251'), 'text/html; charset=iso-8859-1');
    expect(result.charset).toBe('windows-1251');
    const french = `<meta charset="windows-1251"><p>${FRENCH}</p>`;
    expect(decodeBody(iconv.encode(french, 'latin1'), 'text/html; charset=iso-8859-1').charset).toBe('windows-1252');
  });

  it('guesses Cyrillic when nothing is declared and the bytes are not UTF-8', () => {
    expect(decodeBody(iconv.encode(RUSSIAN, 'windows-1251'), 'text/html')).toEqual({ text: RUSSIAN, charset: 'windows-1251' });
  });

  it('defaults to UTF-8 and ignores unknown labels', () => {
    expect(decodeBody(Buffer.from('plain'), null)).toEqual({ text: 'plain', charset: 'utf-8' });
    expect(decodeBody(Buffer.from('plain'), 'text/html; charset=x-unknown-thing')).toEqual({ text: 'plain', charset: 'utf-8' });
    expect(normalizeCharset('"UTF8"')).toBe('utf-8');
  });
});

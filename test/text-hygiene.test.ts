import { describe, expect, it } from 'vitest';
import { hasInvalidCodePoints, stripInvalidCodePoints } from '../src/text-hygiene.js';

describe('text hygiene', () => {
  it('drops NUL, C0 controls other than tab/newline/CR, lone surrogates and noncharacters', () => {
    expect(stripInvalidCodePoints('a\u0000b\u0001c\u001Fd\u000Be')).toBe('abcde');
    expect(stripInvalidCodePoints('x\uD800y\uDC00z')).toBe('xyz');
    expect(stripInvalidCodePoints('p\uFFFEq\uFFFFr\uFDD0s')).toBe('pqrs');
    expect(hasInvalidCodePoints('a\u0000')).toBe(true);
  });

  it('keeps tab, newline, carriage return, astral characters and ordinary text as they are', () => {
    const text = 'Zelensky\tsaid\r\n“talks” — Київ 😀 \u00A0done\uFFFD';
    expect(stripInvalidCodePoints(text)).toBe(text);
    expect(hasInvalidCodePoints(text)).toBe(false);
  });
});

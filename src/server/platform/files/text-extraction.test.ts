import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BlobStore, createDiskBlobStore } from '../storage/blob-store.js';
import { docx, docxEntries, odt, pdf, zip } from './files.fixtures.js';
import {
  capUtf8,
  extractText,
  stopTextExtraction,
  TextExtractionError,
  textExtractionLimits,
} from './text-extraction.js';

let dataDir: string;
let store: BlobStore;

beforeAll(async () => {
  dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'atrium-text-'));
  store = createDiskBlobStore(dataDir);
});
afterAll(async () => {
  stopTextExtraction();
  await fs.rm(dataDir, { recursive: true, force: true });
});

async function put(bytes: Buffer | string): Promise<string> {
  const data = typeof bytes === 'string' ? Buffer.from(bytes, 'utf8') : bytes;
  return (await store.put(Readable.from([data]), { maxBytes: 1e9 })).key;
}

async function failure(promise: Promise<unknown>): Promise<TextExtractionError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(TextExtractionError);
  return error as TextExtractionError;
}

const mib = 1024 * 1024;

describe('extractText: PDF', () => {
  it('reads the text of every page', { timeout: 30_000 }, async () => {
    const key = await put(pdf(['Hello Atrium', 'Quarterly report (draft)']));
    const text = await extractText(store, key, 'pdf');
    expect(text).toContain('Hello Atrium');
    expect(text).toContain('Quarterly report (draft)');
    expect(text!.indexOf('Hello')).toBeLessThan(text!.indexOf('Quarterly'));
  });

  it('keeps the event loop free while parsing (a worker thread does it)', { timeout: 30_000 }, async () => {
    const key = await put(pdf(Array.from({ length: 40 }, (_, i) => `Page ${i} `.repeat(50))));
    let ticks = 0;
    let longest = 0;
    let last = Date.now();
    const ticker = setInterval(() => {
      const now = Date.now();
      longest = Math.max(longest, now - last);
      last = now;
      ticks += 1;
    }, 5);
    try {
      expect(await extractText(store, key, 'pdf')).toContain('Page 39');
    } finally {
      clearInterval(ticker);
    }
    expect(ticks).toBeGreaterThan(0);
    expect(longest).toBeLessThan(250);
  });

  it('caps the text at 1 MiB', { timeout: 60_000 }, async () => {
    const line = 'lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod tempor';
    const page = Array.from({ length: 100 }, () => line).join('\n'); // ~8 KB a page
    const key = await put(pdf(Array.from({ length: 140 }, () => page)));
    const text = (await extractText(store, key, 'pdf'))!;
    expect(Buffer.byteLength(text, 'utf8')).toBeLessThanOrEqual(textExtractionLimits.maxTextBytes);
    expect(Buffer.byteLength(text, 'utf8')).toBeGreaterThan(textExtractionLimits.maxTextBytes - 20_000);
  });

  it('fails cleanly on a broken PDF', { timeout: 30_000 }, async () => {
    const key = await put(Buffer.from('%PDF-1.4\nthis is not a pdf at all\n%%EOF\n'));
    expect((await failure(extractText(store, key, 'pdf'))).reason).toBe('invalid');
  });

  it('stops a file that takes longer than the limit, and works again after', {
    timeout: 30_000,
  }, async () => {
    const key = await put(pdf(['Slow or not']));
    const saved = textExtractionLimits.timeoutMs;
    textExtractionLimits.timeoutMs = 1;
    try {
      expect((await failure(extractText(store, key, 'pdf'))).reason).toBe('timeout');
    } finally {
      textExtractionLimits.timeoutMs = saved;
    }
    expect(await extractText(store, key, 'pdf')).toContain('Slow or not');
  });

  it('reads from a store without local paths (bytes sent to the worker)', { timeout: 30_000 }, async () => {
    const { localPath: _ignored, ...streamingOnly } = store;
    const key = await put(pdf(['Streamed']));
    expect(await extractText(streamingOnly, key, 'pdf')).toContain('Streamed');
  });
});

describe('extractText: DOCX', () => {
  it('reads the paragraphs of a Word document', { timeout: 30_000 }, async () => {
    const key = await put(docx(['Привет, коллеги', 'Second <paragraph> & more']));
    const text = await extractText(store, key, 'office');
    expect(text).toContain('Привет, коллеги');
    expect(text).toContain('Second <paragraph> & more');
  });

  it('answers undefined for other office files and for kinds without text', { timeout: 30_000 }, async () => {
    expect(await extractText(store, await put(odt()), 'office')).toBeUndefined();
    expect(
      await extractText(store, await put(zip([{ name: 'a.txt', data: 'x' }])), 'archive'),
    ).toBeUndefined();
    expect(await extractText(store, await put('x'), 'image')).toBeUndefined();
    expect(await extractText(store, 'e'.repeat(64), 'pdf')).toBeUndefined();
  });

  it('refuses a zip bomb: an entry compressing more than 100:1', { timeout: 30_000 }, async () => {
    const bomb = docx(['x'], [{ name: 'word/media/zeros.bin', data: Buffer.alloc(20 * mib) }]);
    expect(bomb.length).toBeLessThan(100_000);
    const error = await failure(extractText(store, await put(bomb), 'office'));
    expect(error.reason).toBe('archive');
    expect(error.message).toMatch(/100:1/);
  });

  it('refuses more than 200 MB declared uncompressed', { timeout: 30_000 }, async () => {
    const entries = docxEntries(['x']);
    const big = Array.from({ length: 3 }, (_, i) => ({
      name: `word/media/${i}.bin`,
      data: Buffer.alloc(10),
      method: 'store' as const,
      declaredSize: 80 * mib,
    }));
    const error = await failure(extractText(store, await put(zip([...entries, ...big])), 'office'));
    expect(error.reason).toBe('archive');
  });

  it('refuses an archive whose headers lie about the size', { timeout: 30_000 }, async () => {
    // Declares 1,000 bytes for 5 MB of real content: the ratio check on the headers passes, the
    // inflating count does not.
    const liar = docx(
      ['x'],
      [{ name: 'word/media/liar.bin', data: Buffer.alloc(5 * mib, 'a'), declaredSize: 1000 }],
    );
    expect((await failure(extractText(store, await put(liar), 'office'))).reason).toBe('archive');
  });

  it('refuses traversal and absolute names, and too many entries', { timeout: 30_000 }, async () => {
    for (const name of [
      '../evil.xml',
      'word/../../evil.xml',
      '/etc/passwd',
      'C:/windows/x.dll',
      '..\\evil.xml',
    ]) {
      const archive = docx(['x'], [{ name, data: 'evil' }]);
      expect((await failure(extractText(store, await put(archive), 'office'))).reason, name).toBe('archive');
    }
    const many = docx(
      ['x'],
      Array.from({ length: 1000 }, (_, i) => ({
        name: `word/parts/${i}.xml`,
        data: '<x/>',
        method: 'store' as const,
      })),
    );
    const error = await failure(extractText(store, await put(many), 'office'));
    expect(error.reason).toBe('archive');
    expect(error.message).toMatch(/entries/);
  });

  it('fails cleanly on bytes that are not a zip', { timeout: 30_000 }, async () => {
    expect((await failure(extractText(store, await put('not a zip at all'), 'office'))).reason).toBe(
      'archive',
    );
  });
});

describe('extractText: text and Markdown', () => {
  it('decodes UTF-8, drops the BOM, NUL and control characters', async () => {
    const key = await put(
      Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('Заметки\0 о \u202Eработе\r\n- пункт\n')]),
    );
    expect(await extractText(store, key, 'text')).toBe('Заметки о работе\n- пункт\n');
    expect(await extractText(store, await put('# Title\n\n*text*'), 'markdown')).toBe('# Title\n\n*text*');
  });

  it('caps at 1 MiB at a character boundary', async () => {
    const key = await put('я'.repeat(mib)); // 2 MiB
    const text = (await extractText(store, key, 'text'))!;
    expect(Buffer.byteLength(text, 'utf8')).toBe(textExtractionLimits.maxTextBytes);
    expect(text).toBe('я'.repeat(textExtractionLimits.maxTextBytes / 2));
  });

  it('capUtf8 never splits a character', () => {
    expect(capUtf8('aя', 2)).toBe('a');
    expect(capUtf8('aя', 3)).toBe('aя');
    expect(capUtf8('👍👍', 5)).toBe('👍');
  });
});

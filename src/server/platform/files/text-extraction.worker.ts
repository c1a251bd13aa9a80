import fs from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { parentPort } from 'node:worker_threads';
import yauzl from 'yauzl';

/**
 * The worker thread of `text-extraction.ts`: parses untrusted PDF and DOCX files away from the
 * server's event loop, under a heap limit, and is terminated by its parent when a file takes too
 * long. It answers one request at a time: `{ id, kind, path | bytes, limits }` →
 * `{ id, ok: true, text }` (text undefined when a zip is not a Word document) or
 * `{ id, ok: false, reason, message }`.
 */

export interface ExtractionLimits {
  /** UTF-8 bytes of text kept; extraction stops once reached. */
  maxTextBytes: number;
  maxEntries: number;
  maxUncompressedBytes: number;
  maxRatio: number;
  /** Entries smaller than this are not held to the ratio (tiny XML parts compress very well). */
  ratioFloorBytes: number;
}

export interface ExtractionRequest {
  id: number;
  kind: 'pdf' | 'office';
  path?: string;
  bytes?: Uint8Array;
  limits: ExtractionLimits;
}

export type ExtractionReply =
  | { id: number; ok: true; text: string | undefined }
  | { id: number; ok: false; reason: 'archive' | 'invalid'; message: string };

class ArchiveRefused extends Error {}

const require = createRequire(import.meta.url);
const pdfjsRoot = path.dirname(require.resolve('pdfjs-dist/package.json'));

/** Adds page texts until the cap; returns false once it is reached. */
class TextSink {
  private readonly parts: string[] = [];
  private bytes = 0;
  constructor(private readonly max: number) {}
  get full(): boolean {
    return this.bytes >= this.max;
  }
  add(text: string): void {
    if (this.full) return;
    this.parts.push(text);
    this.bytes += Buffer.byteLength(text, 'utf8');
  }
  text(): string {
    return this.parts.join('');
  }
}

async function pdfText(data: Uint8Array, limits: ExtractionLimits): Promise<string> {
  const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const task = pdfjs.getDocument({
    data,
    isEvalSupported: false,
    disableFontFace: true,
    useSystemFonts: false,
    verbosity: 0,
    cMapUrl: `${path.join(pdfjsRoot, 'cmaps')}/`,
    cMapPacked: true,
    standardFontDataUrl: `${path.join(pdfjsRoot, 'standard_fonts')}/`,
  });
  const doc = await task.promise;
  const sink = new TextSink(limits.maxTextBytes);
  try {
    for (let n = 1; n <= doc.numPages && !sink.full; n += 1) {
      const page = await doc.getPage(n);
      const content = await page.getTextContent();
      let text = '';
      for (const item of content.items) {
        if ('str' in item) text += item.str + (item.hasEOL ? '\n' : '');
      }
      sink.add(`${text.trimEnd()}\n\n`);
      page.cleanup();
    }
  } finally {
    await doc.destroy();
  }
  return sink.text();
}

const openZip = (input: string | Buffer, options: yauzl.Options): Promise<yauzl.ZipFile> =>
  new Promise((resolve, reject) => {
    const done = (error: Error | null, zip?: yauzl.ZipFile) => (error || !zip ? reject(error) : resolve(zip));
    if (typeof input === 'string') yauzl.open(input, options, done);
    else yauzl.fromBuffer(input, options, done);
  });

/** Whether an entry name could land outside the archive's folder when unpacked. */
function unsafeName(name: string): boolean {
  return (
    name.startsWith('/') ||
    name.startsWith('\\') ||
    /^[A-Za-z]:/.test(name) ||
    name.split(/[/\\]/).some((part) => part === '..') ||
    name.includes('\0')
  );
}

/**
 * Checks a zip against the limits from its central directory (entries, declared sizes, ratio,
 * names, symlinks, encryption), then inflates every entry to count the real bytes — a lying
 * directory is caught by yauzl's size validation — before the document parser (which trusts
 * the archive) ever sees it. Returns the entry names.
 */
async function inspectZip(input: string | Buffer, limits: ExtractionLimits): Promise<Set<string>> {
  let zip: yauzl.ZipFile;
  try {
    zip = await openZip(input, {
      lazyEntries: true,
      autoClose: false,
      validateEntrySizes: true,
      strictFileNames: true,
    });
  } catch (error) {
    throw new ArchiveRefused(`Not a readable zip: ${(error as Error).message}`);
  }
  try {
    if (zip.entryCount > limits.maxEntries) {
      throw new ArchiveRefused(`The archive has ${zip.entryCount} entries, more than ${limits.maxEntries}`);
    }
    const entries: yauzl.Entry[] = [];
    let declared = 0;
    let compressed = 0;
    await new Promise<void>((resolve, reject) => {
      zip.on('entry', (entry: yauzl.Entry) => {
        try {
          if (unsafeName(entry.fileName))
            throw new ArchiveRefused(`Unsafe entry name ${JSON.stringify(entry.fileName)}`);
          if (entry.isEncrypted()) throw new ArchiveRefused('Encrypted entries');
          const mode = (entry.externalFileAttributes >>> 16) & 0o170000;
          if (mode === 0o120000) throw new ArchiveRefused('Symbolic links');
          declared += entry.uncompressedSize;
          compressed += entry.compressedSize;
          if (declared > limits.maxUncompressedBytes) {
            throw new ArchiveRefused(`More than ${limits.maxUncompressedBytes} bytes uncompressed`);
          }
          if (
            entry.uncompressedSize > limits.ratioFloorBytes &&
            entry.uncompressedSize > limits.maxRatio * Math.max(1, entry.compressedSize)
          ) {
            throw new ArchiveRefused(`An entry compresses more than ${limits.maxRatio}:1`);
          }
          entries.push(entry);
          zip.readEntry();
        } catch (error) {
          reject(error);
        }
      });
      zip.on('end', () => resolve());
      zip.on('error', (error: Error) => reject(new ArchiveRefused(error.message)));
      zip.readEntry();
    });
    if (declared > limits.ratioFloorBytes && declared > limits.maxRatio * Math.max(1, compressed)) {
      throw new ArchiveRefused(`The archive compresses more than ${limits.maxRatio}:1`);
    }
    // Inflate everything once, counting: yauzl fails an entry that yields more (or fewer) bytes
    // than its header says, so the checks above hold for the real content.
    for (const entry of entries) {
      if (entry.fileName.endsWith('/')) continue;
      await new Promise<void>((resolve, reject) => {
        zip.openReadStream(entry, (error, stream) => {
          if (error || !stream) {
            reject(new ArchiveRefused(error?.message ?? 'Unreadable entry'));
            return;
          }
          stream.on('error', (e: Error) => reject(new ArchiveRefused(e.message)));
          stream.on('end', () => resolve());
          stream.resume();
        });
      });
    }
    return new Set(entries.map((e) => e.fileName));
  } finally {
    zip.close();
  }
}

async function docxText(input: string | Buffer, limits: ExtractionLimits): Promise<string | undefined> {
  const names = await inspectZip(input, limits);
  if (!names.has('word/document.xml')) return undefined;
  const mammoth = (await import('mammoth')).default;
  const buffer = typeof input === 'string' ? await fs.readFile(input) : input;
  const result = await mammoth.extractRawText({ buffer });
  return result.value;
}

async function handle(request: ExtractionRequest): Promise<ExtractionReply> {
  const { id, kind, limits } = request;
  try {
    if (kind === 'pdf') {
      const data = request.bytes ?? new Uint8Array(await fs.readFile(request.path!));
      return { id, ok: true, text: await pdfText(data, limits) };
    }
    const input = request.bytes ? Buffer.from(request.bytes) : request.path!;
    return { id, ok: true, text: await docxText(input, limits) };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return { id, ok: false, reason: error instanceof ArchiveRefused ? 'archive' : 'invalid', message };
  }
}

parentPort?.on('message', (request: ExtractionRequest) => {
  void handle(request).then((reply) => parentPort?.postMessage(reply));
});

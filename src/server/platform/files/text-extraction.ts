import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Readable } from 'node:stream';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { FileKind } from '../../../shared/api/files.js';
import { cleanText } from '../../../shared/text.js';
import type { BlobStore } from '../storage/blob-store.js';
import type { ExtractionLimits, ExtractionReply, ExtractionRequest } from './text-extraction.worker.js';

/**
 * Text of uploaded documents, stored for search (issue 4): PDF (pdf.js, legacy build for Node,
 * no `eval`, no font loading), DOCX (mammoth, after the zip passed the archive limits of R28),
 * TXT and Markdown (UTF-8). At most 1 MiB of text is kept, cleaned like every other text
 * (src/shared/text.ts: no NUL for PostgreSQL, no controls or bidi characters).
 *
 * PDF and DOCX are parsed in a worker thread with its own heap limit, one file at a time, and
 * the worker is terminated when a file takes more than 10 s — a hostile file can neither block
 * the server's event loop nor grow its heap. The worker is kept between files and ended when
 * idle.
 */

/** The limits (a plain object so tests can shorten the timeout). */
export const textExtractionLimits = {
  /** UTF-8 bytes of text kept. */
  maxTextBytes: 1024 * 1024,
  timeoutMs: 10_000,
  /** Files larger than this are not parsed (their text is not extracted). */
  maxInputBytes: 128 * 1024 * 1024,
  /** Heap of the worker thread, in MB. */
  workerHeapMb: 256,
  /** The idle worker is ended after this long. */
  idleMs: 30_000,
  zip: {
    maxEntries: 1000,
    maxUncompressedBytes: 200 * 1024 * 1024,
    maxRatio: 100,
    ratioFloorBytes: 1024 * 1024,
  },
};

export type TextExtractionFailure = 'too-large' | 'archive' | 'invalid' | 'timeout' | 'crashed';

/** The text could not be extracted within the limits: the file is kept, without text. */
export class TextExtractionError extends Error {
  readonly reason: TextExtractionFailure;
  constructor(reason: TextExtractionFailure, message: string) {
    super(message);
    this.name = 'TextExtractionError';
    this.reason = reason;
  }
}

/** `text` cut to at most `maxBytes` UTF-8 bytes, at a character boundary. */
export function capUtf8(text: string, maxBytes: number): string {
  if (Buffer.byteLength(text, 'utf8') <= maxBytes) return text;
  let cut = Buffer.from(text, 'utf8').subarray(0, maxBytes).toString('utf8');
  // A character cut in the middle decodes to U+FFFD at the end: drop it.
  if (cut.endsWith('\uFFFD')) cut = cut.slice(0, -1);
  return cut;
}

function finish(text: string): string {
  return capUtf8(cleanText(text), textExtractionLimits.maxTextBytes);
}

async function readCapped(stream: Readable, max: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of stream) {
    chunks.push(chunk as Buffer);
    size += (chunk as Buffer).length;
    if (size >= max) break; // leaving the loop destroys the stream
  }
  return Buffer.concat(chunks).subarray(0, max);
}

/** The beginning of a UTF-8 text blob, decoded (invalid bytes → U+FFFD, a BOM dropped). */
async function plainText(store: BlobStore, key: string): Promise<string | undefined> {
  // A few bytes more than the cap, so the cut falls in the text, not in a character.
  const stream = await store.open(key, { start: 0, end: textExtractionLimits.maxTextBytes + 3 });
  if (!stream) return undefined;
  const bytes = await readCapped(stream, textExtractionLimits.maxTextBytes + 4);
  const text = new TextDecoder('utf-8', { fatal: false, ignoreBOM: false }).decode(bytes);
  return finish(text);
}

// --- The worker ---------------------------------------------------------------------------------

/**
 * Starts the worker: the compiled `.js` beside this module, or in a development checkout (tests,
 * `tsx`) the TypeScript source through tsx's loader.
 */
function startWorker(): Worker {
  const here = fileURLToPath(import.meta.url);
  const options = {
    resourceLimits: {
      maxOldGenerationSizeMb: textExtractionLimits.workerHeapMb,
      maxYoungGenerationSizeMb: 32,
    },
    stdout: true,
    stderr: true,
  };
  if (here.endsWith('.js'))
    return new Worker(new URL('./text-extraction.worker.js', import.meta.url), options);
  const worker = pathToFileURL(here.replace(/text-extraction\.ts$/, 'text-extraction.worker.ts')).href;
  let tsxApi = createRequire(import.meta.url).resolve('tsx/esm/api');
  const esm = tsxApi.replace(/\.cjs$/, '.mjs');
  if (existsSync(esm)) tsxApi = esm;
  const bootstrap = `import(${JSON.stringify(pathToFileURL(tsxApi).href)}).then((api) => { api.register(); return import(${JSON.stringify(worker)}); });`;
  return new Worker(bootstrap, { ...options, eval: true });
}

interface Pending {
  id: number;
  /** The worker the request went to (an old worker's late exit must not fail a newer job). */
  worker: Worker;
  resolve: (text: string | undefined) => void;
  reject: (error: Error) => void;
}

let worker: Worker | undefined;
let pending: Pending | undefined;
let idleTimer: NodeJS.Timeout | undefined;
let nextId = 1;
let queue: Promise<unknown> = Promise.resolve();

function stopWorker(): void {
  const w = worker;
  worker = undefined;
  if (idleTimer) clearTimeout(idleTimer);
  idleTimer = undefined;
  void w?.terminate();
}

function workerInstance(): Worker {
  if (worker) return worker;
  const w = startWorker();
  w.unref();
  // pdf.js may print warnings: they are not ours to show.
  w.stdout?.resume();
  w.stderr?.resume();
  w.on('message', (reply: ExtractionReply) => {
    const job = pending;
    if (!job || job.worker !== w || job.id !== reply.id) return;
    pending = undefined;
    if (reply.ok) job.resolve(reply.text);
    else job.reject(new TextExtractionError(reply.reason, reply.message));
  });
  const fail = (error: Error) => {
    if (worker === w) worker = undefined;
    const job = pending;
    if (!job || job.worker !== w) return;
    pending = undefined;
    const outOfMemory = (error as NodeJS.ErrnoException).code === 'ERR_WORKER_OUT_OF_MEMORY';
    job.reject(
      new TextExtractionError(
        outOfMemory ? 'too-large' : 'crashed',
        `The text extraction worker stopped: ${error.message}`,
      ),
    );
  };
  w.on('error', fail);
  w.on('exit', (code) => fail(new Error(`exit code ${code}`)));
  worker = w;
  return w;
}

function runInWorker(request: Omit<ExtractionRequest, 'id' | 'limits'>): Promise<string | undefined> {
  return new Promise<string | undefined>((resolve, reject) => {
    if (idleTimer) clearTimeout(idleTimer);
    idleTimer = undefined;
    const w = workerInstance();
    const id = nextId++;
    const timer = setTimeout(() => {
      if (pending?.id !== id) return;
      pending = undefined;
      stopWorker();
      reject(
        new TextExtractionError(
          'timeout',
          `Text extraction took more than ${textExtractionLimits.timeoutMs} ms`,
        ),
      );
    }, textExtractionLimits.timeoutMs);
    pending = {
      id,
      worker: w,
      resolve: (text) => {
        clearTimeout(timer);
        resolve(text);
      },
      reject: (error) => {
        clearTimeout(timer);
        reject(error);
      },
    };
    const limits: ExtractionLimits = {
      maxTextBytes: textExtractionLimits.maxTextBytes,
      ...textExtractionLimits.zip,
    };
    const message: ExtractionRequest = { id, ...request, limits };
    w.postMessage(message, request.bytes ? [request.bytes.buffer as ArrayBuffer] : []);
  }).finally(() => {
    if (worker && !pending) {
      idleTimer = setTimeout(stopWorker, textExtractionLimits.idleMs);
      idleTimer.unref();
    }
  });
}

async function documentText(
  store: BlobStore,
  key: string,
  kind: 'pdf' | 'office',
): Promise<string | undefined> {
  const size = await store.size(key);
  if (size === undefined) return undefined;
  if (size > textExtractionLimits.maxInputBytes) {
    throw new TextExtractionError(
      'too-large',
      `The file is larger than ${textExtractionLimits.maxInputBytes} bytes`,
    );
  }
  const local = await store.localPath?.(key);
  let request: Omit<ExtractionRequest, 'id' | 'limits'>;
  if (local) {
    request = { kind, path: local };
  } else {
    const stream = await store.open(key);
    if (!stream) return undefined;
    const bytes = await readCapped(stream, textExtractionLimits.maxInputBytes);
    // A copy the worker can own (transferred, not cloned).
    request = { kind, bytes: new Uint8Array(bytes) };
  }
  const text = await runInWorker(request);
  return text === undefined ? undefined : finish(text);
}

/**
 * The text of the file stored under `key`, for search: a string (possibly empty) for PDF, DOCX,
 * plain text and Markdown; undefined for other kinds, for an `office` file that is not a Word
 * document, or when the blob is absent. Throws `TextExtractionError` when the file cannot be
 * read within the limits (a broken or hostile file, an archive over the limits, too large, more
 * than 10 s). Calls run one at a time.
 */
export function extractText(store: BlobStore, key: string, kind: FileKind): Promise<string | undefined> {
  const run = queue.then((): Promise<string | undefined> => {
    if (kind === 'text' || kind === 'markdown') return plainText(store, key);
    if (kind === 'pdf' || kind === 'office') return documentText(store, key, kind);
    return Promise.resolve(undefined);
  });
  queue = run.catch(() => undefined);
  return run;
}

/** Ends the worker now (tests, shutdown); the next extraction starts a new one. */
export function stopTextExtraction(): void {
  stopWorker();
}

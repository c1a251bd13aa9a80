import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const corpusDir = fileURLToPath(new URL('../fixtures/xss/', import.meta.url));

/** One payload and where it comes from, for messages that name the failing line. */
export interface XssPayload {
  file: string;
  line: number;
  text: string;
}

/** The payload files of the corpus, by name (`XSS_Polyglots.txt`, …). */
export const xssFiles: string[] = fs
  .readdirSync(corpusDir)
  .filter((f) => f.endsWith('.txt'))
  .sort();

/** Every non-blank line of one payload file. */
export function payloadsOf(file: string): XssPayload[] {
  return fs
    .readFileSync(path.join(corpusDir, file), 'utf8')
    .split('\n')
    .map((text, i) => ({ file, line: i + 1, text }))
    .filter((p) => p.text.trim() !== '');
}

/**
 * The payloads the browser test renders: every line of the files in `whole`, and every
 * `step`-th line of the others (evenly spread, the same lines on every run).
 */
export function samplePayloads(step: number, whole: string[]): XssPayload[] {
  return xssFiles.flatMap((file) => {
    const all = payloadsOf(file);
    return whole.includes(file) ? all : all.filter((_, i) => i % step === 0);
  });
}

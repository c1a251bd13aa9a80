import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The bundled list of common passwords (R06), loaded once. The text file stays in the source
 * tree; a compiled build (dist/server/…) finds it there through the project root, which sits
 * four folders above this module in both layouts.
 */
const here = path.dirname(fileURLToPath(import.meta.url));
const candidates = [
  path.join(here, 'common-passwords.txt'),
  path.join(here, '..', '..', '..', '..', 'src', 'server', 'platform', 'auth', 'common-passwords.txt'),
];

let list: ReadonlySet<string> | null = null;

/** The lower-cased common passwords. Throws at first use if the list file is missing. */
export function commonPasswords(): ReadonlySet<string> {
  if (list) return list;
  const file = candidates.find((candidate) => fs.existsSync(candidate));
  if (!file) throw new Error(`common-passwords.txt not found (looked in ${candidates.join(', ')})`);
  const words = new Set<string>();
  for (const line of fs.readFileSync(file, 'utf8').split('\n')) {
    const word = line.trim();
    if (word && !word.startsWith('#')) words.add(word);
  }
  list = words;
  return words;
}

import { cleanLine } from '../../../shared/text.js';

/**
 * Original file names, kept only as metadata (R26): never a path, never used to find bytes on
 * disk. A name is shown in lists, in the document page and in `Content-Disposition`, so it must
 * not be able to reorder what is around it (bidi controls: "invoice‮fdp.exe" shown as
 * "invoiceexe.pdf"), hide characters (zero-width and format characters), break lines, or climb
 * directories when a person saves the download.
 */

/** The longest name in UTF-8 bytes (what most file systems accept). */
export const maxFileNameBytes = 255;

/** The name of a file whose given name is empty once cleaned. */
export const fallbackFileName = 'file';

/** The longest extension kept whole when a long name is shortened, in UTF-8 bytes (with the dot). */
const maxExtensionBytes = 32;

/**
 * Beyond what `cleanLine` removes (src/shared/text.ts, the project's one normalisation of names:
 * NFC, lone surrogates → U+FFFD, bidi controls, zero-width and format characters, controls,
 * line breaks → space): the deprecated format characters U+206A–F and the interlinear
 * annotation characters U+FFF9–B, which hide or reorder text too.
 */
const moreInvisible = /[\u206a-\u206f\ufff9-\ufffb]/gu;

/** Path separators (and the fraction and division slashes that look like them). */
const separators = /[/\\\u2044\u2215\u29f8\uff0f\uff3c]/gu;

const utf8Length = (text: string) => Buffer.byteLength(text, 'utf8');

const segmenter = new Intl.Segmenter('und', { granularity: 'grapheme' });

/**
 * `text` cut to at most `maxBytes` UTF-8 bytes at a grapheme boundary (no half emoji), or within
 * the first grapheme when even that one is too long (a "zalgo" letter with hundreds of marks).
 */
function cutToBytes(text: string, maxBytes: number): string {
  if (utf8Length(text) <= maxBytes) return text;
  let out = '';
  let used = 0;
  for (const { segment } of segmenter.segment(text)) {
    const size = utf8Length(segment);
    if (used + size > maxBytes) {
      if (out === '') {
        for (const ch of segment) {
          const n = utf8Length(ch);
          if (used + n > maxBytes) break;
          out += ch;
          used += n;
        }
      }
      break;
    }
    out += segment;
    used += size;
  }
  return out;
}

function clean(raw: string): string {
  let name = cleanLine(raw).replace(moreInvisible, '').replace(separators, '_');
  // Whitespace runs (including no-break and ideographic spaces) become one space.
  name = name.replace(/\s+/gu, ' ').trim();
  // Leading dots would hide the file on Unix and make "." and ".."; trailing dots and spaces are
  // dropped by Windows when saving.
  name = name.replace(/^[.\s]+/u, '').replace(/[.\s]+$/u, '');
  return name.normalize('NFC');
}

/**
 * A file name safe to keep and show: NFC, without control, bidi and invisible format characters,
 * without path separators (they become `_`), whitespace collapsed, no leading dots, at most 255
 * UTF-8 bytes (shortened at a character boundary, keeping the extension), never empty ("file").
 * Idempotent: a normalised name normalises to itself.
 */
export function normaliseFileName(raw: string): string {
  let name = clean(typeof raw === 'string' ? raw : String(raw ?? ''));
  if (utf8Length(name) > maxFileNameBytes) {
    const dot = name.lastIndexOf('.');
    const ext = dot > 0 ? name.slice(dot) : '';
    const keepExt = ext.length > 1 && utf8Length(ext) <= maxExtensionBytes && !/\s/u.test(ext);
    const stem = keepExt ? name.slice(0, dot) : name;
    const room = maxFileNameBytes - (keepExt ? utf8Length(ext) : 0);
    name = clean(cutToBytes(stem, room)) + (keepExt ? ext : '');
    // Cleaning after the cut may only shorten it; the check below guards the rare other case.
    name = cutToBytes(clean(name), maxFileNameBytes);
  }
  return name === '' ? fallbackFileName : name;
}

import { fileTypeFromBuffer } from 'file-type';
import { type FileKind, fileKindOf } from '../../../shared/api/files.js';

/**
 * The type of an upload, decided from its first bytes (R26): `file-type` recognises binary
 * formats by their signatures, and text is recognised here (UTF-8 without NUL, mostly printable,
 * a BOM allowed). The result must be on the allow-list of `src/shared/api/files.ts`; anything
 * else — executables, HTML, scripts in unknown containers — is refused. The client's
 * `Content-Type` is never looked at, and the name only chooses between text flavours
 * (`.md`/`.markdown` → Markdown, `.csv` → CSV) once the bytes are known to be text.
 *
 * SVG (text whose root element is `<svg>`) is accepted as kind `other`, to be downloaded only.
 * Text that a browser would sniff as HTML (WHATWG MIME Sniffing, "identifying a resource with an
 * unknown MIME type") or XML whose root is an HTML element is refused, not typed as text — except
 * a Markdown file starting with an HTML fragment such as `<p align="center">` (READMEs do), which
 * is Markdown: text/* types are only ever served as attachments with `nosniff`, never as HTML.
 */

export interface SniffedFileType {
  /** The media type, on the allow-list, without parameters. */
  mime: string;
  /** The usual extension, without the dot. */
  ext: string;
  kind: FileKind;
}

const bare = (mime: string) => mime.split(';')[0]!.trim().toLowerCase();

function allowed(mime: string, ext: string): SniffedFileType | undefined {
  const type = bare(mime);
  const kind = fileKindOf(type);
  return kind ? { mime: type, ext, kind } : undefined;
}

/** Control characters that ordinary text files do contain: tab, newlines, form feed, backspace, ESC. */
const benignControls = new Set([0x08, 0x09, 0x0a, 0x0b, 0x0c, 0x0d, 0x1b]);

/** Share of other control characters above which bytes are not text. */
const maxControlShare = 0.02;

/**
 * The text of `head` when it is UTF-8 text (a BOM is dropped), else undefined. `truncated` says
 * the bytes are the beginning of a longer file, so a character cut at the end is not an error.
 */
export function decodeText(head: Uint8Array, truncated: boolean): string | undefined {
  let bytes = head;
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) bytes = bytes.subarray(3);
  if (bytes.includes(0)) return undefined;
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes, { stream: truncated });
  } catch {
    return undefined;
  }
  let controls = 0;
  let chars = 0;
  for (const ch of text) {
    chars += 1;
    const code = ch.codePointAt(0)!;
    if ((code < 0x20 && !benignControls.has(code)) || (code >= 0x7f && code <= 0x9f)) controls += 1;
  }
  if (chars > 0 && controls / chars > maxControlShare) return undefined;
  return text;
}

/**
 * Tags whose presence at the start makes a browser sniff a resource as HTML (WHATWG MIME
 * Sniffing), split into those that begin a whole document (never the start of a README) and
 * fragments that Markdown files do start with (`<p align="center">`, `<div>`, `<h1>`, `<img>`).
 */
const documentTags = new Set([
  'html',
  'head',
  'body',
  'script',
  'iframe',
  'style',
  'title',
  'meta',
  'link',
  'base',
  'object',
  'embed',
  'form',
  'frameset',
  'frame',
  'template',
]);
const fragmentTags = new Set(['h1', 'div', 'font', 'table', 'a', 'b', 'br', 'p', 'img']);

/**
 * What markup text starts with: 'html-document' (an HTML doctype, a document-level tag, or a
 * leading comment with no element after it), 'html-fragment' (a tag from the sniffing list that
 * Markdown files also start with), 'svg' (the first element after the XML prolog, comments and
 * doctype is `<svg>`), 'xml' (another first element, or a prolog without one), or 'none'.
 */
export type Markup = 'svg' | 'html-document' | 'html-fragment' | 'xml' | 'none';

export function markupOf(text: string): Markup {
  let rest = text.trimStart();
  if (!rest.startsWith('<')) return 'none';
  let prolog = false;
  let comment = false;
  for (let guard = 0; guard < 64; guard += 1) {
    rest = rest.trimStart();
    if (rest.startsWith('<?')) {
      prolog = true;
      const end = rest.indexOf('?>');
      if (end < 0) return 'xml';
      rest = rest.slice(end + 2);
      continue;
    }
    if (rest.startsWith('<!--')) {
      comment = true;
      const end = rest.indexOf('-->');
      if (end < 0) return prolog ? 'xml' : 'html-document';
      rest = rest.slice(end + 3);
      continue;
    }
    if (/^<!doctype/i.test(rest)) {
      if (/^<!doctype\s+html/i.test(rest)) return 'html-document';
      if (/^<!doctype\s+svg/i.test(rest)) return 'svg';
      prolog = true;
      const end = rest.indexOf('>');
      if (end < 0) return 'xml';
      // An internal subset `[ … ]` may hold '>' characters: skip to the closing `]>`.
      const subset = rest.indexOf('[');
      if (subset >= 0 && subset < end) {
        const close = rest.indexOf(']>', subset);
        if (close < 0) return 'xml';
        rest = rest.slice(close + 2);
      } else {
        rest = rest.slice(end + 1);
      }
      continue;
    }
    const element = /^<([A-Za-z_][\w.-]*:)?([A-Za-z_][\w.-]*)(?=[\s/>]|$)/.exec(rest);
    if (!element) return prolog ? 'xml' : comment ? 'html-document' : 'none';
    const name = element[2]!.toLowerCase();
    if (name === 'svg') return 'svg';
    if (documentTags.has(name)) return 'html-document';
    if (fragmentTags.has(name)) return prolog ? 'html-document' : 'html-fragment';
    return 'xml';
  }
  return 'xml';
}

function extensionOf(name: string | undefined): string {
  const match = /\.([^./\\]+)$/.exec((name ?? '').trim());
  return match ? match[1]!.toLowerCase() : '';
}

/**
 * The type of an upload from its first bytes (`head`, up to 4,100 of them) and the name the
 * client gave (used only to tell Markdown and CSV from plain text), or undefined when the type
 * is not allowed. `size` (the whole file's) tells whether `head` is all of it; when omitted the
 * head is taken as possibly cut.
 */
export async function sniffFileType(
  head: Uint8Array,
  declaredName?: string,
  size?: number,
): Promise<SniffedFileType | undefined> {
  let detected: { mime: string; ext: string } | undefined;
  try {
    detected = await fileTypeFromBuffer(head);
  } catch {
    detected = undefined;
  }
  // XML is looked at as text below: it may be SVG, or XHTML to refuse.
  if (detected && detected.mime !== 'application/xml') {
    // MPEG layers 1 and 2 are found by an 11-bit frame sync only, which any bytes starting FF Ex
    // match (a UTF-16 byte-order mark does): of MPEG audio, MP3 alone is on the list.
    if (bare(detected.mime) === 'audio/mpeg' && detected.ext !== 'mp3') return undefined;
    return allowed(detected.mime, detected.ext);
  }

  const truncated = size === undefined ? head.length >= 4096 : size > head.length;
  const text = decodeText(head, truncated);
  if (text === undefined) return undefined;
  const markup = markupOf(text);
  if (markup === 'svg') return allowed('image/svg+xml', 'svg');
  if (markup === 'html-document') return undefined;

  const ext = extensionOf(declaredName);
  if (ext === 'md' || ext === 'markdown') return allowed('text/markdown', 'md');
  // A README may start with `<p align="center">`; anything else starting so is HTML.
  if (markup === 'html-fragment') return undefined;
  if (ext === 'csv') return allowed('text/csv', 'csv');
  return allowed('text/plain', 'txt');
}

import { fileKindOf, inlineImageTypes } from '../../../shared/api/files.js';
import { normaliseFileName } from './file-names.js';

/**
 * Headers for serving user content (R27): the browser must treat uploaded bytes as a download
 * or, for raster images only, as an image — never as a page of our origin. So every response
 * carries `X-Content-Type-Options: nosniff` (no type guessing), a sandboxing CSP with nothing
 * allowed (should a browser render it anyway, no script runs and the origin is opaque), no
 * caching in shared caches, and `Content-Disposition: attachment` except for JPEG, PNG, GIF and
 * WebP. SVG, HTML and anything off the allow-list go out as `application/octet-stream`.
 */

const inlineTypes: ReadonlySet<string> = new Set(inlineImageTypes);

/** Characters kept as they are in the ASCII `filename` fallback: printable ASCII less `"`, `\`, `%`, `;`. */
const asciiUnsafe = /[^\x20-\x7e]|["\\%;]/g;

/** RFC 5987 `attr-char`: everything else is percent-encoded from UTF-8. */
const attrChar = /[A-Za-z0-9!#$&+\-.^_`|~]/;

function encodeRfc5987(value: string): string {
  let out = '';
  for (const byte of Buffer.from(value, 'utf8')) {
    const ch = String.fromCharCode(byte);
    out += byte < 0x80 && attrChar.test(ch) ? ch : `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return out;
}

/** An ASCII rendering of `name` for old clients: accents dropped, anything else unsafe → `_`. */
function asciiFallback(name: string): string {
  const folded = name.normalize('NFKD').replace(/\p{M}/gu, '');
  const ascii = folded.replace(asciiUnsafe, '_');
  return ascii.replace(/_+/g, '_') || 'file';
}

/**
 * `Content-Disposition` for `name` (RFC 6266): `inline` or `attachment`, an ASCII `filename`
 * fallback and the exact name as `filename*=UTF-8''…` (RFC 5987). The name is normalised first
 * (no controls, bidi characters or separators), so no header injection or path is possible
 * whatever the stored name holds.
 */
export function contentDisposition(name: string, inline: boolean): string {
  const safe = normaliseFileName(name);
  return `${inline ? 'inline' : 'attachment'}; filename="${asciiFallback(safe)}"; filename*=UTF-8''${encodeRfc5987(safe)}`;
}

/** Whether a type may be shown by the browser (raster images only). */
export function isInlineType(mime: string): boolean {
  return inlineTypes.has(mime.split(';')[0]!.trim().toLowerCase());
}

/**
 * The `Content-Type` to send for stored content of type `mime`: raster images, PDF, media,
 * office and archives keep their type; text is sent as its type with `charset=utf-8`; SVG and
 * anything off the allow-list (legacy rows, a bug) become `application/octet-stream`. Never
 * `text/html` or `image/svg+xml`.
 */
export function servedContentType(mime: string): string {
  const type = mime.split(';')[0]!.trim().toLowerCase();
  const kind = fileKindOf(type);
  if (!kind || kind === 'other') return 'application/octet-stream';
  if (kind === 'text' || kind === 'markdown') return `${type}; charset=utf-8`;
  return type;
}

/** The security headers every response with user bytes carries (bytes, thumbnails, text previews). */
export const userContentSecurityHeaders = {
  'x-content-type-options': 'nosniff',
  'content-security-policy': "sandbox; default-src 'none'",
  'cache-control': 'private, no-store',
  'cross-origin-resource-policy': 'same-origin',
  'x-frame-options': 'DENY',
  'referrer-policy': 'no-referrer',
} as const;

/**
 * Every header for serving a stored file named `name` of type `mime`: its safe content type,
 * the disposition (`inline` only for raster images, and only unless `download` is asked), and
 * the security headers. Length and range headers are the route's.
 */
export function userContentHeaders(
  file: { mime: string; name: string },
  options: { download?: boolean } = {},
): { 'content-type': string; 'content-disposition': string } & typeof userContentSecurityHeaders {
  const inline = !options.download && isInlineType(file.mime);
  return {
    'content-type': servedContentType(file.mime),
    'content-disposition': contentDisposition(file.name, inline),
    ...userContentSecurityHeaders,
  };
}

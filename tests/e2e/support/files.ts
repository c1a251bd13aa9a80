import type { FileView, LibrarySpaceRef } from '../../../src/shared/api/files.js';
import { ApiCallError, type ApiClient } from './api-client.js';

/** A file to upload: its name as the client gives it, its bytes, the type the client claims. */
export interface UploadSource {
  name: string;
  bytes: Uint8Array;
  type?: string;
}

/**
 * Uploads a file through the API as `client`'s person (multipart, as the web app sends it):
 * into a library's root (`space`) or a folder (`folderId`), or as a new version of `versionOf`.
 * Resolves with the file's view; throws ApiCallError with the server's problem otherwise.
 */
export async function uploadThroughApi(
  client: ApiClient,
  baseUrl: string,
  target: { space: LibrarySpaceRef } | { folderId: string } | { versionOf: string },
  source: UploadSource,
): Promise<FileView> {
  // The session's CSRF token, as the web app reads it from GET /me.
  const { csrfToken } = await client.call<{ csrfToken: string }>('GET', '/me');
  const cookie = client
    .cookiesFor(baseUrl)
    .map((c) => `${c.name}=${c.value}`)
    .join('; ');
  const form = new FormData();
  if ('space' in target) form.append('space', JSON.stringify(target.space));
  if ('folderId' in target) form.append('folderId', target.folderId);
  form.append(
    'file',
    new Blob([source.bytes as Uint8Array<ArrayBuffer>], { type: source.type ?? 'application/octet-stream' }),
    source.name,
  );
  const path = 'versionOf' in target ? `/files/${target.versionOf}/versions` : '/files';
  const response = await fetch(`${baseUrl}/api/v1${path}`, {
    method: 'POST',
    headers: { accept: 'application/json', cookie, 'x-csrf-token': csrfToken },
    body: form,
    signal: AbortSignal.timeout(30_000),
  });
  const text = await response.text();
  const json: unknown = text ? JSON.parse(text) : undefined;
  if (!response.ok) throw new ApiCallError(response.status, json, `POST ${path} (${source.name})`);
  return json as FileView;
}

/**
 * A small valid one-page PDF: a filled blue rectangle and a line of text (Helvetica, not
 * embedded), so a rendered page has pixels that are not white.
 */
export function samplePdf(text = 'Quarterly report'): Uint8Array {
  const content = `0 0.3 0.8 rg 72 600 300 120 re f BT /F1 28 Tf 0 0 0 rg 72 540 Td (${text}) Tj ET`;
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>',
    `<< /Length ${content.length} >>\nstream\n${content}\nendstream`,
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
  ];
  let out = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((body, index) => {
    offsets.push(out.length);
    out += `${index + 1} 0 obj\n${body}\nendobj\n`;
  });
  const xref = out.length;
  out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const offset of offsets) out += `${String(offset).padStart(10, '0')} 00000 n \n`;
  out += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return new TextEncoder().encode(out);
}

import type { FileView, LibrarySpaceRef } from '../../../shared/api/files.js';
import { ApiError } from '../../lib/api.js';
import { currentLanguage, i18n } from '../../lib/i18n.js';

/** Where an upload goes: a library's root or a folder (a new file), or a new version of a file. */
export type UploadTarget =
  | { kind: 'library'; space: LibrarySpaceRef; folderId: string | null }
  | { kind: 'version'; fileId: string };

export interface UploadOptions {
  target: UploadTarget;
  file: File;
  /** The session's CSRF token, sent as `x-csrf-token` like every unsafe request of the app. */
  csrfToken: string | undefined;
  /** Bytes sent so far, as the browser reports them. */
  onProgress: (loaded: number, total: number) => void;
  signal?: AbortSignal;
}

type ProblemBody = ConstructorParameters<typeof ApiError>[1];

function parseBody(text: string): ProblemBody {
  try {
    const body: unknown = JSON.parse(text);
    return body !== null && typeof body === 'object' ? (body as ProblemBody) : {};
  } catch {
    return {};
  }
}

/**
 * Sends one file as `multipart/form-data` with XMLHttpRequest: fetch cannot report how much of a
 * request body has gone out, and a progress bar per file is the point. The text fields come
 * before the file, so the server knows where the bytes go before they arrive. Resolves with the
 * server's answer; rejects with an ApiError carrying the server's message (413 too large or over
 * quota, 415 type not allowed), or a network error when the connection broke — which is also
 * what a browser sees when the server refuses an oversize body without reading it.
 */
export function uploadFile({
  target,
  file,
  csrfToken,
  onProgress,
  signal,
}: UploadOptions): Promise<FileView> {
  const form = new FormData();
  let url: string;
  if (target.kind === 'library') {
    url = '/api/v1/files';
    if (target.folderId) form.append('folderId', target.folderId);
    else form.append('space', JSON.stringify(target.space));
  } else {
    url = `/api/v1/files/${target.fileId}/versions`;
  }
  form.append('file', file, file.name);

  return new Promise<FileView>((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', url);
    xhr.responseType = 'text';
    xhr.setRequestHeader('accept', 'application/json');
    xhr.setRequestHeader('accept-language', currentLanguage());
    if (csrfToken) xhr.setRequestHeader('x-csrf-token', csrfToken);
    xhr.upload.onprogress = (event) =>
      onProgress(event.loaded, event.lengthComputable ? event.total : file.size);
    xhr.onload = () => {
      const body = parseBody(xhr.responseText);
      if (xhr.status >= 200 && xhr.status < 300) {
        resolve(body as unknown as FileView);
        return;
      }
      reject(new ApiError(xhr.status, body, i18n.t('errors.unexpected')));
    };
    xhr.onerror = () => reject(new ApiError(0, {}, i18n.t('files.upload.interrupted')));
    xhr.onabort = () => reject(new DOMException('The upload was cancelled', 'AbortError'));
    if (signal) {
      if (signal.aborted) {
        reject(new DOMException('The upload was cancelled', 'AbortError'));
        return;
      }
      signal.addEventListener('abort', () => xhr.abort(), { once: true });
    }
    xhr.send(form);
  });
}

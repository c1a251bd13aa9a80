import type { MessageAttachment } from '../../../shared/api/chats.js';
import { ApiError } from '../../lib/api.js';
import { currentLanguage, i18n } from '../../lib/i18n.js';
import { chatPaths } from './chats.api.js';

type ProblemBody = ConstructorParameters<typeof ApiError>[1];

/**
 * Uploads one file for a message of `chatId` (`POST /chats/{id}/attachments`, multipart) with
 * XMLHttpRequest, which, unlike fetch, reports how much has gone out. Resolves with the
 * attachment the send then names in `attachmentIds`.
 */
export function uploadChatAttachment(
  chatId: string,
  file: File,
  csrfToken: string | undefined,
  onProgress: (fraction: number) => void,
  signal?: AbortSignal,
): Promise<MessageAttachment> {
  const form = new FormData();
  form.append('file', file, file.name);
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', `/api/v1${chatPaths.attachments(chatId)}`);
    xhr.responseType = 'text';
    xhr.setRequestHeader('accept', 'application/json');
    xhr.setRequestHeader('accept-language', currentLanguage());
    if (csrfToken) xhr.setRequestHeader('x-csrf-token', csrfToken);
    xhr.upload.onprogress = (event) =>
      onProgress(event.loaded / (event.lengthComputable ? event.total : file.size || 1));
    xhr.onload = () => {
      let body: unknown = {};
      try {
        body = JSON.parse(xhr.responseText);
      } catch {
        body = {};
      }
      if (xhr.status >= 200 && xhr.status < 300) resolve(body as MessageAttachment);
      else reject(new ApiError(xhr.status, (body ?? {}) as ProblemBody, i18n.t('errors.unexpected')));
    };
    xhr.onerror = () => reject(new ApiError(0, {}, i18n.t('chats.composer.uploadInterrupted')));
    xhr.onabort = () => reject(new DOMException('The upload was cancelled', 'AbortError'));
    signal?.addEventListener('abort', () => xhr.abort(), { once: true });
    xhr.send(form);
  });
}

import type { MessageAttachment } from '../../../shared/api/chats.js';
import { fileKindOf } from '../../../shared/api/files.js';
import type { ChatAttachmentRow } from './chat-attachments.queries.js';

/** The URL an attachment's bytes are served from (members only, see chat-attachments.routes.ts). */
export function attachmentUrl(chatId: string, id: string): string {
  return `/api/v1/chats/${chatId}/attachments/${id}`;
}

export function presentAttachment(row: ChatAttachmentRow): MessageAttachment {
  const url = attachmentUrl(row.chat_id, row.id);
  return {
    id: row.id,
    name: row.name,
    mime: row.mime,
    kind: fileKindOf(row.mime) ?? 'other',
    size: Number(row.size),
    width: row.width === null ? null : Number(row.width),
    height: row.height === null ? null : Number(row.height),
    url,
    thumbnailUrl: row.thumb_key ? `${url}/thumbnail` : null,
  };
}

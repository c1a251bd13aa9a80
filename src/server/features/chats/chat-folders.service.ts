import { v7 as uuidv7 } from 'uuid';
import { type ChatFolder, chatLimits } from '../../../shared/api/chats.js';
import { cleanLine } from '../../../shared/text.js';
import { requireActor } from '../../platform/auth/guards.js';
import { type Ctx, transact } from '../../platform/context.js';
import { AppError } from '../../platform/http/errors.js';
import {
  countFolders,
  deleteFolder,
  type FolderRow,
  findFolder,
  insertFolder,
  listFolders,
  updateFolder,
} from './chat-folders.queries.js';

/**
 * A person's own chat folders ("by project"): nobody else sees or uses them. A chat is put into
 * one with `PATCH /chats/{id}/me {folderId}`; deleting a folder leaves its chats unfiled.
 */

function present(row: FolderRow): ChatFolder {
  return { id: row.id, name: row.name, position: Number(row.position), chatCount: Number(row.chat_count) };
}

function folderName(raw: string): string {
  const name = cleanLine(raw);
  if (!name) throw new AppError('NAME_EMPTY');
  return name;
}

async function presentOne(ctx: Ctx, userId: string, folderId: string): Promise<ChatFolder> {
  const row = (await listFolders(ctx.db, userId)).find((f) => f.id === folderId);
  if (!row) throw new AppError('CHAT_FOLDER_NOT_FOUND');
  return present(row);
}

/** `GET /chat-folders`: the viewer's folders in their order. */
export async function listChatFolders(ctx: Ctx): Promise<{ items: ChatFolder[] }> {
  const actor = requireActor(ctx);
  return { items: (await listFolders(ctx.db, actor.id)).map(present) };
}

/** `POST /chat-folders`: a new folder at the end, up to `chatLimits.folders`. */
export async function createChatFolder(ctx: Ctx, body: { name: string }): Promise<ChatFolder> {
  const actor = requireActor(ctx);
  const name = folderName(body.name);
  const id = uuidv7();
  await transact(ctx, async (tx) => {
    const count = await countFolders(tx, actor.id);
    if (count >= chatLimits.folders) throw new AppError('CHAT_FOLDER_LIMIT', { max: chatLimits.folders });
    const rows = await listFolders(tx, actor.id);
    const position = rows.reduce((max, r) => Math.max(max, Number(r.position) + 1), 0);
    await insertFolder(tx, { id, user_id: actor.id, name, position, created_at: new Date().toISOString() });
  });
  return presentOne(ctx, actor.id, id);
}

/** `PATCH /chat-folders/{id}`: rename, or move to `position` (the others close up around it). */
export async function updateChatFolder(
  ctx: Ctx,
  folderId: string,
  body: { name?: string; position?: number },
): Promise<ChatFolder> {
  const actor = requireActor(ctx);
  await transact(ctx, async (tx) => {
    if (!(await findFolder(tx, actor.id, folderId))) throw new AppError('CHAT_FOLDER_NOT_FOUND');
    if (body.name !== undefined) await updateFolder(tx, folderId, { name: folderName(body.name) });
    if (body.position !== undefined) {
      const order = (await listFolders(tx, actor.id)).filter((f) => f.id !== folderId);
      const at = Math.min(body.position, order.length);
      const ids = [...order.slice(0, at).map((f) => f.id), folderId, ...order.slice(at).map((f) => f.id)];
      const current = new Map(order.map((f) => [f.id, Number(f.position)]));
      for (const [index, id] of ids.entries()) {
        if (current.get(id) !== index) await updateFolder(tx, id, { position: index });
      }
    }
  });
  return presentOne(ctx, actor.id, folderId);
}

/** `DELETE /chat-folders/{id}`: its chats stay, unfiled. */
export async function deleteChatFolder(ctx: Ctx, folderId: string): Promise<void> {
  const actor = requireActor(ctx);
  await transact(ctx, async (tx) => {
    if (!(await findFolder(tx, actor.id, folderId))) throw new AppError('CHAT_FOLDER_NOT_FOUND');
    await deleteFolder(tx, actor.id, folderId);
  });
}

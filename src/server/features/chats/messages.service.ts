import { v7 as uuidv7 } from 'uuid';
import {
  chatLimits,
  type Message,
  type MessageAttachment,
  type SendMessageBody,
  type Sticker,
} from '../../../shared/api/chats.js';
import { errorMessage } from '../../../shared/errors.js';
import { extractMentions } from '../../../shared/mentions.js';
import { cleanText } from '../../../shared/text.js';
import { requireActor } from '../../platform/auth/guards.js';
import { type Actor, type Ctx, transactRetrying } from '../../platform/context.js';
import type { Executor, Tx } from '../../platform/db/database.js';
import { appendStreamEvent, streams } from '../../platform/events/streams.js';
import { AppError } from '../../platform/http/errors.js';
import { storageErrorCode } from '../../platform/http/problem.js';
import { renderMarkdown } from '../../platform/markdown/render.js';
import { notifyPeople } from '../notifications/notifications.service.js';
import { queueChatPush } from '../push/chat-push.js';
import { canPost, requireMember, requireMembership } from './chat-access.js';
import type { ChatRow } from './chat-access.queries.js';
import { presentAttachment } from './chat-attachments.presenter.js';
import { selectClaimable } from './chat-attachments.queries.js';
import { claimAttachments, copyAttachments, loadAttachments } from './chat-attachments.service.js';
import { inGroupCommit } from './message-batch.js';
import { messageTerms } from './message-terms.js';
import { type MessageContext, presentMessage } from './messages.presenter.js';
import {
  advanceChat,
  advanceReadSeq,
  bumpThreadReplyCount,
  existsBeyond,
  insertMessage,
  insertTerms,
  listMessageRows,
  type MessagePersonRow,
  type MessageRow,
  rewriteMessageEvents,
  selectMentionedMembers,
  selectMessage,
  selectMessageByClientId,
  selectMessagesByIds,
  selectPeople,
  selectQuoted,
  selectReactions,
  selectSendContext,
} from './messages.queries.js';
import { findUsableSticker, loadStickers } from './stickers.service.js';

/**
 * Messages (C4, C7). A send is one transaction: the membership gate, the idempotency check by
 * the sender's `clientId`, the `seq` from the chat's stream (`appendStreamEvent` holds the
 * stream's lock), the row with that `seq`, the chat's head, the sender's read position, the
 * search terms, mentions and the push queue. The frame carries the message itself and goes out
 * after commit, so an acknowledged message is always stored and every frame is of a stored one.
 * Edits and deletions keep the row and go to the ledger (X6) with the full text.
 */

/** Characters that render as nothing but that `cleanText` keeps (they are legitimate inside text). */
// An alternation, not a class: U+034F is a combining mark.
const blankish = /\s|\u034F|\u115F|\u1160|\u17B4|\u17B5|\u200C|\u200D|\u2800|\u3164|\uFFA0/gu;

function isBlank(body: string): boolean {
  return body.replace(blankish, '') === '';
}

export function cleanBody(ctx: Ctx, raw: string): string {
  const body = cleanText(raw);
  if (body.length > chatLimits.body) {
    throw new AppError('VALIDATION_FAILED', {}, [
      { field: 'body', code: 'too_big', message: errorMessage('VALIDATION_FAILED', ctx.locale) },
    ]);
  }
  return isBlank(body) ? '' : body;
}

// ---------------------------------------------------------------- presenting

const emptyContext = (): MessageContext => ({
  people: new Map(),
  quoted: new Map(),
  stickers: new Map(),
  attachments: new Map(),
  reactions: new Map(),
});

/** Loads what presenting `rows` needs: a fixed handful of queries whatever the number of rows. */
export async function loadMessageContext(db: Executor, rows: readonly MessageRow[]): Promise<MessageContext> {
  const context = emptyContext();
  if (rows.length === 0) return context;
  const linked = rows.flatMap((r) => [r.reply_to_id, r.forwarded_from_id]).filter((id): id is string => !!id);
  const live = rows.filter((r) => r.deleted_at === null);
  const stickerIds = live.map((r) => r.sticker_id).filter((id): id is string => !!id);
  const [quoted, stickers, attachments, reactions] = await Promise.all([
    linked.length > 0 ? selectQuoted(db, linked) : [],
    stickerIds.length > 0 ? loadStickers(db, stickerIds) : new Map<string, Sticker>(),
    live.length > 0
      ? loadAttachments(
          db,
          live.map((r) => r.id),
        )
      : new Map<string, MessageAttachment[]>(),
    live.length > 0
      ? selectReactions(
          db,
          live.map((r) => r.id),
        )
      : [],
  ]);
  for (const q of quoted) context.quoted.set(q.id, q);
  context.stickers = stickers;
  context.attachments = attachments;
  for (const r of reactions) {
    const list = context.reactions.get(r.message_id) ?? [];
    list.push(r);
    context.reactions.set(r.message_id, list);
  }
  const personIds = [...rows.map((r) => r.author_id), ...quoted.map((q) => q.author_id)].filter(
    (id): id is string => !!id,
  );
  for (const p of personIds.length > 0 ? await selectPeople(db, personIds) : []) context.people.set(p.id, p);
  return context;
}

export async function presentRows(db: Executor, rows: readonly MessageRow[]): Promise<Message[]> {
  const context = await loadMessageContext(db, rows);
  return rows.map((row) => presentMessage(row, context));
}

export async function presentRow(db: Executor, row: MessageRow): Promise<Message> {
  const [message] = await presentRows(db, [row]);
  return message!;
}

/** Announces a changed message to the chat's members (durable: a replay brings the new state). */
export async function announceUpdated(tx: Tx, row: MessageRow): Promise<Message> {
  const message = await presentRow(tx, row);
  await appendStreamEvent(tx, streams.chat(row.chat_id), 'chat.message.updated', message);
  return message;
}

// ---------------------------------------------------------------- storing

/** A message about to be stored; `seq` comes from the stream. */
interface Draft {
  kind: MessageRow['kind'];
  authorId: string | null;
  /** The author as messages show them, when the caller has read it already. */
  author?: MessagePersonRow;
  clientId: string | null;
  body: string;
  replyTo?: MessageRow;
  threadRoot?: MessageRow;
  forwardedFrom?: MessageRow;
  sticker?: Sticker;
  /** Pending uploads already checked and presented; claimed once the row exists. */
  attachments?: { ids: string[]; views: MessageAttachment[] };
}

/**
 * Stores a message in `tx`: the stream event (whose data is the message with its own `seq`),
 * the row, the chat's head, the sender's read position and the search terms. Few statements of
 * fixed shape: this runs for every message sent.
 */
async function storeMessage(
  tx: Tx,
  chatId: string,
  draft: Draft,
): Promise<{ row: MessageRow; message: Message }> {
  const now = new Date().toISOString();
  const row: MessageRow = {
    id: uuidv7(),
    chat_id: chatId,
    seq: 0,
    client_id: draft.clientId,
    author_id: draft.authorId,
    kind: draft.kind,
    body: draft.body,
    html: draft.body === '' ? '' : renderMarkdown(draft.body),
    reply_to_id: draft.replyTo?.id ?? null,
    thread_root_id: draft.threadRoot?.id ?? null,
    thread_reply_count: 0,
    forwarded_from_id: draft.forwardedFrom?.id ?? null,
    sticker_id: draft.sticker?.id ?? null,
    created_at: now,
    edited_at: null,
    deleted_at: null,
    deleted_by: null,
  };
  const context = emptyContext();
  if (draft.author) context.people.set(draft.author.id, draft.author);
  if (draft.sticker) context.stickers.set(draft.sticker.id, draft.sticker);
  if (draft.attachments) context.attachments.set(row.id, draft.attachments.views);
  for (const linked of [draft.replyTo, draft.forwardedFrom])
    if (linked) context.quoted.set(linked.id, linked);
  const personIds = [draft.authorId, draft.replyTo?.author_id, draft.forwardedFrom?.author_id].filter(
    (id): id is string => !!id && !context.people.has(id),
  );
  for (const p of personIds.length > 0 ? await selectPeople(tx, personIds) : []) context.people.set(p.id, p);

  let message: Message | undefined;
  await appendStreamEvent(tx, streams.chat(chatId), 'chat.message', (seq) => {
    row.seq = seq;
    message = presentMessage(row, context);
    return message;
  });
  await insertMessage(tx, row);
  if (draft.attachments && draft.authorId) {
    await claimAttachments(tx, {
      chatId,
      uploaderId: draft.authorId,
      messageId: row.id,
      attachmentIds: draft.attachments.ids,
    });
  }
  await advanceChat(tx, chatId, row.seq, now);
  if (draft.authorId) await advanceReadSeq(tx, chatId, draft.authorId, row.seq);
  if (draft.kind === 'text') {
    const terms = messageTerms(draft.body);
    if (terms.length > 0) await insertTerms(tx, chatId, row.id, terms);
  }
  if (draft.threadRoot) {
    await bumpThreadReplyCount(tx, draft.threadRoot.id);
    await announceUpdated(tx, {
      ...draft.threadRoot,
      thread_reply_count: Number(draft.threadRoot.thread_reply_count) + 1,
    });
  }
  return { row, message: message! };
}

/**
 * Appends a system message ("Anna added Boris") inside the caller's transaction: no author, no
 * client id, not searchable. The caller has checked whatever the change needed.
 */
export async function appendSystemMessage(_ctx: Ctx, tx: Tx, chatId: string, text: string): Promise<Message> {
  const { message } = await storeMessage(tx, chatId, {
    kind: 'system',
    authorId: null,
    clientId: null,
    body: text,
  });
  return message;
}

/** Whether a stored message is the one a retried send describes (same chat, same content). */
function sameSend(
  stored: MessageRow,
  storedAttachments: readonly MessageAttachment[],
  chatId: string,
  want: {
    body: string;
    replyToId?: string;
    threadRootId?: string;
    stickerId?: string;
    attachmentIds?: string[];
    forwardedFromId?: string;
  },
): boolean {
  return (
    stored.chat_id === chatId &&
    stored.body === want.body &&
    stored.reply_to_id === (want.replyToId ?? null) &&
    (stored.thread_root_id === (want.threadRootId ?? null) ||
      // A reply to a reply was filed under the thread's root.
      (want.threadRootId !== undefined && stored.thread_root_id !== null)) &&
    stored.sticker_id === (want.stickerId ?? null) &&
    stored.forwarded_from_id === (want.forwardedFromId ?? stored.forwarded_from_id) &&
    storedAttachments.map((a) => a.id).join() === (want.attachmentIds ?? []).join()
  );
}

/** The stored answer to a retried send, or 409 when the client id was used for another message. */
async function replayedSend(
  db: Executor,
  stored: MessageRow,
  chatId: string,
  want: Parameters<typeof sameSend>[3],
): Promise<{ message: Message; created: false }> {
  const message = await presentRow(db, stored);
  // A deleted message no longer has its text to compare: the retry is of it all the same.
  if (stored.deleted_at === null && !sameSend(stored, message.attachments, chatId, want)) {
    throw new AppError('MESSAGE_CLIENT_ID_REUSED');
  }
  return { message, created: false };
}

/** A message of this chat to reply to or thread under (not deleted), or 400 MESSAGE_REPLY_NOT_FOUND. */
async function findLinked(
  tx: Tx,
  chatId: string,
  input: { replyToId?: string; threadRootId?: string },
): Promise<{ replyTo?: MessageRow; threadRoot?: MessageRow }> {
  const ids = [input.replyToId, input.threadRootId].filter((id): id is string => !!id);
  if (ids.length === 0) return {};
  const rows = new Map((await selectMessagesByIds(tx, ids)).map((r) => [r.id, r]));
  const pick = (id: string | undefined) => {
    if (!id) return undefined;
    const row = rows.get(id);
    if (!row || row.chat_id !== chatId || row.deleted_at !== null)
      throw new AppError('MESSAGE_REPLY_NOT_FOUND');
    return row;
  };
  const replyTo = pick(input.replyToId);
  let threadRoot = pick(input.threadRootId);
  // Threads are one level deep: a reply inside a thread belongs to the thread's root.
  if (threadRoot?.thread_root_id) {
    threadRoot = (await selectMessage(tx, chatId, threadRoot.thread_root_id)) ?? undefined;
    if (!threadRoot || threadRoot.deleted_at !== null) throw new AppError('MESSAGE_REPLY_NOT_FOUND');
  }
  return { replyTo, threadRoot };
}

/** Pending uploads of the sender in this chat, presented, in the order given. */
async function checkAttachments(
  tx: Tx,
  chatId: string,
  uploaderId: string,
  ids: readonly string[],
): Promise<{ ids: string[]; views: MessageAttachment[] } | undefined> {
  if (ids.length === 0) return undefined;
  if (new Set(ids).size !== ids.length) throw new AppError('CHAT_ATTACHMENT_NOT_FOUND');
  const rows = new Map((await selectClaimable(tx, chatId, uploaderId, ids)).map((r) => [r.id, r]));
  const views = ids.map((id) => {
    const row = rows.get(id);
    if (!row) throw new AppError('CHAT_ATTACHMENT_NOT_FOUND');
    return presentAttachment(row);
  });
  return { ids: [...ids], views };
}

/**
 * Mentions notify the chat's members they name (never anyone outside the chat), as a
 * `chat_mention` notification, and are handed to the push queue.
 */
export async function mentionedMembers(ctx: Ctx, tx: Tx, chatId: string, actor: Actor, handles: string[]) {
  if (handles.length === 0) return [];
  const found = await selectMentionedMembers(tx, ctx.dialect, chatId, handles);
  return found.filter(
    (p) => p.id !== actor.id && handles.includes(p.email.slice(0, p.email.lastIndexOf('@'))),
  );
}

export async function notifyMentioned(
  tx: Tx,
  actor: Actor,
  membership: { chat: Pick<ChatRow, 'id' | 'kind'> },
  messageId: string,
  ids: readonly string[],
): Promise<void> {
  if (ids.length === 0) return;
  await notifyPeople(tx, ids, {
    type: 'chat_mention',
    actorId: actor.id,
    data: { chatId: membership.chat.id, messageId, chatKind: membership.chat.kind },
  });
}

/**
 * `POST /chats/{id}/messages` and the socket's `send` frame. Idempotent by (author, clientId):
 * a retry returns the stored message with `created: false`; the same clientId with another
 * content is 409 MESSAGE_CLIENT_ID_REUSED. Concurrent retries race on the unique index; the
 * loser's transaction is retried and then finds the winner's row.
 */
export async function sendMessage(
  ctx: Ctx,
  chatId: string,
  input: SendMessageBody,
): Promise<{ message: Message; created: boolean }> {
  const actor = requireActor(ctx);
  const body = cleanBody(ctx, input.body ?? '');
  const work = (tx: Tx) => sendIn(ctx, tx, actor, chatId, { ...input, body });
  if (ctx.dialect === 'sqlite') {
    try {
      return await inGroupCommit(ctx, work);
    } catch (error) {
      // Another process (the CLI) won a unique index: retry on a transaction of its own.
      if (storageErrorCode(error) !== 'CONFLICT') throw error;
    }
  }
  return transactRetrying(ctx, work);
}

/**
 * The sender's membership of the chat, the sender as their message shows them and the id of a
 * message they already sent with this client id: one statement, since this runs on every send.
 */
async function loadSendContext(tx: Tx, chatId: string, userId: string, clientId: string) {
  const row = await selectSendContext(tx, chatId, userId, clientId);
  if (!row) return undefined;
  return {
    chat: { id: chatId, kind: row.chat_kind },
    member: { role: row.member_role },
    author: { id: userId, name: row.author_name, photo_key: row.author_photo_key, role: row.author_role },
    storedId: row.stored_id,
  };
}

async function sendIn(
  ctx: Ctx,
  tx: Tx,
  actor: Actor,
  chatId: string,
  input: SendMessageBody & { body: string },
): Promise<{ message: Message; created: boolean }> {
  const body = input.body;
  const membership = await requireMember(ctx, (a) => loadSendContext(tx, chatId, a.id, input.clientId));
  if (membership.storedId !== null) {
    const stored = await selectMessageByClientId(tx, actor.id, input.clientId);
    if (stored) return replayedSend(tx, stored, chatId, input);
  }
  if (!canPost(membership)) throw new AppError('CHAT_READ_ONLY');

  const attachmentIds = input.attachmentIds ?? [];
  if (input.stickerId && (body !== '' || attachmentIds.length > 0)) {
    throw new AppError('VALIDATION_FAILED', {}, [
      { field: 'stickerId', code: 'custom', message: errorMessage('VALIDATION_FAILED', ctx.locale) },
    ]);
  }
  if (body === '' && attachmentIds.length === 0 && !input.stickerId) throw new AppError('MESSAGE_EMPTY');
  const sticker = input.stickerId ? await findUsableSticker(tx, input.stickerId) : undefined;
  if (input.stickerId && !sticker) throw new AppError('STICKER_NOT_FOUND');
  const linked = await findLinked(tx, chatId, input);
  const attachments = await checkAttachments(tx, chatId, actor.id, attachmentIds);
  const mentioned = await mentionedMembers(ctx, tx, chatId, actor, extractMentions(body));

  const { row, message } = await storeMessage(tx, chatId, {
    kind: sticker ? 'sticker' : 'text',
    authorId: actor.id,
    author: membership.author,
    clientId: input.clientId,
    body,
    ...linked,
    sticker,
    attachments,
  });
  const mentionedIds = mentioned.map((p) => p.id);
  await notifyMentioned(tx, actor, membership, row.id, mentionedIds);
  queueChatPush(ctx, tx, {
    chatId,
    chatKind: membership.chat.kind,
    messageId: row.id,
    authorId: actor.id,
    mentionedIds,
  });
  return { message, created: true };
}

/**
 * `POST /chats/{id}/messages/{messageId}/forward`: a copy in another chat of the viewer's (where
 * they may post), naming the original (a forward of a forward names the first one). Attachments
 * are copied as new rows over the same blobs. Idempotent by clientId like a send.
 */
export async function forwardMessage(
  ctx: Ctx,
  chatId: string,
  messageId: string,
  input: { toChatId: string; clientId: string },
): Promise<{ message: Message; created: boolean }> {
  const actor = requireActor(ctx);
  return transactRetrying(ctx, async (tx) => {
    await requireMembership(ctx, chatId, tx);
    const source = await selectMessage(tx, chatId, messageId);
    if (!source || source.deleted_at !== null || source.kind === 'system')
      throw new AppError('MESSAGE_NOT_FOUND');
    const original = source.forwarded_from_id
      ? ((await selectMessagesByIds(tx, [source.forwarded_from_id]))[0] ?? source)
      : source;
    const target = await requireMembership(ctx, input.toChatId, tx);
    const stored = await selectMessageByClientId(tx, actor.id, input.clientId);
    const sourceAttachments = (await loadAttachments(tx, [source.id])).get(source.id) ?? [];
    if (stored) {
      const copied = (await loadAttachments(tx, [stored.id])).get(stored.id) ?? [];
      return replayedSend(tx, stored, input.toChatId, {
        body: source.body,
        stickerId: source.sticker_id ?? undefined,
        forwardedFromId: original.id,
        // The copies have ids of their own: compare how many there are.
        attachmentIds: copied.length === sourceAttachments.length ? copied.map((a) => a.id) : [],
      });
    }
    if (!canPost(target)) throw new AppError('CHAT_READ_ONLY');
    const sticker = source.sticker_id ? await findUsableSticker(tx, source.sticker_id) : undefined;
    const { row, message } = await storeMessage(tx, input.toChatId, {
      kind: source.kind === 'sticker' && sticker ? 'sticker' : 'text',
      authorId: actor.id,
      clientId: input.clientId,
      body: source.body,
      forwardedFrom: original,
      sticker,
      attachments: undefined,
    });
    if (sourceAttachments.length > 0) {
      await copyAttachments(tx, {
        fromMessageId: source.id,
        toChatId: input.toChatId,
        toMessageId: row.id,
        uploaderId: actor.id,
      });
      // The copies get their ids only now, after the event was written: the published frame is
      // the same object, and the stored event is rewritten to match.
      message.attachments = (await loadAttachments(tx, [row.id])).get(row.id) ?? [];
      await rewriteMessageEvents(tx, streams.chat(input.toChatId), row.seq, row.id, JSON.stringify(message));
    }
    queueChatPush(ctx, tx, {
      chatId: input.toChatId,
      chatKind: target.chat.kind,
      messageId: row.id,
      authorId: actor.id,
      mentionedIds: [],
    });
    return { message, created: true };
  });
}

// ---------------------------------------------------------------- reading

/** A message of a chat the viewer is in, or 404 (MESSAGE_NOT_FOUND; CHAT_NOT_FOUND for non-members). */
export async function findMessage(ctx: Ctx, db: Executor, chatId: string, messageId: string) {
  const membership = await requireMembership(ctx, chatId, db);
  const row = await selectMessage(db, chatId, messageId);
  if (!row) throw new AppError('MESSAGE_NOT_FOUND');
  return { membership, row };
}

/**
 * `GET /chats/{id}/messages`: a page by `seq`, oldest first within the page. Without `thread`
 * the chat's own messages (thread replies live in their thread); with it, one thread's replies.
 */
export async function listMessages(
  ctx: Ctx,
  chatId: string,
  query: { before?: number; after?: number; limit: number; thread?: string },
): Promise<{ items: Message[]; hasOlder: boolean; hasNewer: boolean }> {
  await requireMembership(ctx, chatId);
  if (query.thread && !(await selectMessage(ctx.db, chatId, query.thread)))
    throw new AppError('MESSAGE_NOT_FOUND');
  const rows = await listMessageRows(ctx.db, chatId, { ...query, limit: query.limit + 1 });
  const more = rows.length > query.limit;
  const beyond = (seq: number, direction: 'older' | 'newer') =>
    existsBeyond(ctx.db, chatId, seq, direction, query.thread);
  let page: MessageRow[];
  let hasOlder: boolean;
  let hasNewer: boolean;
  if (query.after !== undefined) {
    page = rows.slice(0, query.limit);
    hasNewer = more;
    hasOlder = await beyond(page[0] ? Number(page[0].seq) : query.after + 1, 'older');
  } else {
    page = rows.slice(0, query.limit).reverse();
    hasOlder = more;
    const last = page[page.length - 1];
    hasNewer =
      query.before === undefined ? false : await beyond(last ? Number(last.seq) : query.before - 1, 'newer');
  }
  return { items: await presentRows(ctx.db, page), hasOlder, hasNewer };
}

export async function getMessage(ctx: Ctx, chatId: string, messageId: string): Promise<Message> {
  const { row } = await findMessage(ctx, ctx.db, chatId, messageId);
  return presentRow(ctx.db, row);
}

import { v7 as uuidv7 } from 'uuid';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, type Person, signedIn } from '../../../../tests/support/people.js';
import { buildTestApp, systemCtx, type TestApp } from '../../../../tests/support/test-app.js';
import { appendStreamEvent } from '../../platform/events/streams.js';
import { inGroupCommit } from './message-batch.js';
import { chatEvents, makeChat, send, sendText } from './messages.fixtures.js';

/** Sending and reading messages (C4, C7): seq order, idempotent retries, validation, the gate. */

let t: TestApp;
let anna: Person;
let boris: Person;
let vera: Person;
let stranger: Person;
let chatId: string;

beforeAll(async () => {
  t = await buildTestApp();
  anna = await signedIn(t, 'employee', { name: 'Anna' });
  boris = await signedIn(t, 'employee', { name: 'Boris' });
  vera = await signedIn(t, 'employee', { name: 'Vera' });
  stranger = await signedIn(t, 'employee');
  chatId = await makeChat(t, anna, [boris, vera]);
});
afterAll(async () => {
  await t.close();
});

const db = () => t.database.handle.db;

describe('send and list', () => {
  it('stores messages with increasing seq, lists them oldest first, moves the chat and the sender', async () => {
    const chat = await makeChat(t, anna, [boris]);
    const first = await send(t, anna, chat, { body: 'Hello **world**' });
    expect(first.statusCode).toBe(201);
    const m1 = first.json();
    expect(m1).toMatchObject({ chatId: chat, kind: 'text', body: 'Hello **world**', editedAt: null });
    expect(m1.html).toContain('<strong>world</strong>');
    expect(m1.author).toMatchObject({ id: anna.id, name: 'Anna' });
    const m2 = await sendText(t, boris, chat, 'second');
    const m3 = await sendText(t, anna, chat, 'third');
    expect(m2.seq).toBeGreaterThan(m1.seq);
    expect(m3.seq).toBeGreaterThan(m2.seq);

    const list = (await call(t, boris, { url: `/api/v1/chats/${chat}/messages` })).json();
    expect(list.items.map((m: { body: string }) => m.body)).toEqual(['Hello **world**', 'second', 'third']);
    expect(list).toMatchObject({ hasOlder: false, hasNewer: false });

    const older = (
      await call(t, boris, { url: `/api/v1/chats/${chat}/messages?before=${m3.seq}&limit=1` })
    ).json();
    expect(older.items.map((m: { id: string }) => m.id)).toEqual([m2.id]);
    expect(older).toMatchObject({ hasOlder: true, hasNewer: true });
    const newer = (
      await call(t, boris, { url: `/api/v1/chats/${chat}/messages?after=${m1.seq}&limit=1` })
    ).json();
    expect(newer.items.map((m: { id: string }) => m.id)).toEqual([m2.id]);
    expect(newer).toMatchObject({ hasOlder: true, hasNewer: true });

    const one = await call(t, boris, { url: `/api/v1/chats/${chat}/messages/${m2.id}` });
    expect(one.json()).toMatchObject({ id: m2.id, seq: m2.seq });

    // The frame of each message is stored at the message's own seq and carries it.
    const events = await chatEvents(t, chat);
    const sent = events.filter((e) => e.type === 'chat.message');
    expect(sent.map((e) => Number(e.seq))).toEqual([m1.seq, m2.seq, m3.seq]);
    expect(JSON.parse(sent[1]!.data)).toMatchObject({ id: m2.id, seq: m2.seq, body: 'second' });

    const row = await db()
      .selectFrom('chats')
      .select(['last_seq', 'last_message_at'])
      .where('id', '=', chat)
      .executeTakeFirstOrThrow();
    expect(Number(row.last_seq)).toBe(m3.seq);
    expect(row.last_message_at).not.toBeNull();
    const reads = await db()
      .selectFrom('chat_members')
      .select(['user_id', 'last_read_seq'])
      .where('chat_id', '=', chat)
      .execute();
    expect(Number(reads.find((r) => r.user_id === anna.id)!.last_read_seq)).toBe(m3.seq);
    expect(Number(reads.find((r) => r.user_id === boris.id)!.last_read_seq)).toBe(m2.seq);
  });

  it('stores a retried send once: the retry gets 200 and the same message', async () => {
    const clientId = uuidv7();
    const a = await send(t, anna, chatId, { clientId, body: 'once' });
    const b = await send(t, anna, chatId, { clientId, body: 'once' });
    expect(a.statusCode).toBe(201);
    expect(b.statusCode).toBe(200);
    expect(b.json()).toMatchObject({ id: a.json().id, seq: a.json().seq, clientId });
    const rows = await db().selectFrom('messages').select('id').where('client_id', '=', clientId).execute();
    expect(rows).toHaveLength(1);
  });

  it('stores concurrent retries once', async () => {
    const clientId = uuidv7();
    const results = await Promise.all(
      Array.from({ length: 5 }, () => send(t, anna, chatId, { clientId, body: 'racing' })),
    );
    expect(results.map((r) => r.statusCode).sort()).toEqual([200, 200, 200, 200, 201]);
    expect(new Set(results.map((r) => r.json().seq)).size).toBe(1);
    const rows = await db().selectFrom('messages').select('id').where('client_id', '=', clientId).execute();
    expect(rows).toHaveLength(1);
  });

  it('refuses a clientId reused for another message (409)', async () => {
    const clientId = uuidv7();
    await send(t, anna, chatId, { clientId, body: 'first text' });
    const res = await send(t, anna, chatId, { clientId, body: 'other text' });
    expect(res.statusCode).toBe(409);
    expect(res.json().code).toBe('MESSAGE_CLIENT_ID_REUSED');
    // Another person may use the same clientId: keys are per sender.
    expect((await send(t, boris, chatId, { clientId, body: 'other text' })).statusCode).toBe(201);
  });

  it('refuses empty messages, invisible characters included (400)', async () => {
    for (const body of ['', '   ', '\u200B\u200B', '\u2060\n\u3164']) {
      const res = await send(t, anna, chatId, { body });
      expect(res.statusCode, JSON.stringify(body)).toBe(400);
      expect(res.json().code).toBe('MESSAGE_EMPTY');
    }
  });

  it('lets only admins post in a channel', async () => {
    const channel = await makeChat(t, anna, [boris], 'channel');
    expect((await send(t, anna, channel, { body: 'news' })).statusCode).toBe(201);
    const res = await send(t, boris, channel, { body: 'me too' });
    expect(res.statusCode).toBe(403);
    expect(res.json().code).toBe('CHAT_READ_ONLY');
  });
});

describe('replies and threads', () => {
  it('quotes a message of the chat and refuses one of another chat', async () => {
    const original = await sendText(t, anna, chatId, 'The **plan** is ready');
    const reply = await send(t, boris, chatId, { body: 'great', replyToId: original.id });
    expect(reply.statusCode).toBe(201);
    expect(reply.json().replyTo).toMatchObject({
      id: original.id,
      seq: original.seq,
      excerpt: 'The plan is ready',
    });

    const other = await makeChat(t, boris, [vera]);
    const foreign = await sendText(t, boris, other, 'elsewhere');
    for (const field of ['replyToId', 'threadRootId']) {
      const res = await send(t, anna, chatId, { body: 'x', [field]: foreign.id });
      expect(res.statusCode).toBe(400);
      expect(res.json().code).toBe('MESSAGE_REPLY_NOT_FOUND');
    }
    const unknown = await send(t, anna, chatId, { body: 'x', replyToId: uuidv7() });
    expect(unknown.json().code).toBe('MESSAGE_REPLY_NOT_FOUND');
  });

  it('files thread replies under the root, counts them and announces the root', async () => {
    const chat = await makeChat(t, anna, [boris]);
    const root = await sendText(t, anna, chat, 'Thread root');
    const r1 = (await send(t, boris, chat, { body: 'in thread', threadRootId: root.id })).json();
    // A reply to a reply is filed under the same root.
    const r2 = (await send(t, anna, chat, { body: 'deeper', threadRootId: r1.id })).json();
    expect(r1.threadRootId).toBe(root.id);
    expect(r2.threadRootId).toBe(root.id);

    const main = (await call(t, anna, { url: `/api/v1/chats/${chat}/messages` })).json();
    expect(main.items.map((m: { id: string }) => m.id)).toEqual([root.id]);
    expect(main.items[0].threadReplyCount).toBe(2);
    const thread = (await call(t, anna, { url: `/api/v1/chats/${chat}/messages?thread=${root.id}` })).json();
    expect(thread.items.map((m: { id: string }) => m.id)).toEqual([r1.id, r2.id]);

    const updates = (await chatEvents(t, chat)).filter((e) => e.type === 'chat.message.updated');
    expect(updates.map((e) => JSON.parse(e.data).threadReplyCount)).toEqual([1, 2]);
  });
});

describe('mentions', () => {
  it('notifies mentioned members only', async () => {
    const chat = await makeChat(t, anna, [boris]);
    const handle = (p: Person) => p.email.slice(0, p.email.indexOf('@'));
    await sendText(t, anna, chat, `@${handle(boris)} and @${handle(stranger)} look`);
    const told = await db()
      .selectFrom('notifications')
      .select(['user_id', 'data'])
      .where('type', '=', 'chat_mention')
      .where('actor_id', '=', anna.id)
      .execute();
    expect(told.map((n) => n.user_id)).toEqual([boris.id]);
    expect(JSON.parse(told[0]!.data)).toMatchObject({ chatId: chat });
  });
});

describe('stickers, attachments and forwarding', () => {
  it('sends a sticker and an attachment, and forwards with the attachment copied', async () => {
    const now = new Date().toISOString();
    const packId = uuidv7();
    const stickerId = uuidv7();
    await db()
      .insertInto('sticker_packs')
      .values({
        id: packId,
        name: 'Pack',
        position: 0,
        created_by: null,
        created_at: now,
        updated_at: now,
        archived_at: null,
      })
      .execute();
    await db()
      .insertInto('stickers')
      .values({
        id: stickerId,
        pack_id: packId,
        blob_key: 'k'.repeat(64),
        mime: 'image/png',
        width: 128,
        height: 128,
        emoji: '🙂',
        position: 0,
        created_at: now,
      })
      .execute();
    const sticker = await send(t, anna, chatId, { stickerId });
    expect(sticker.statusCode).toBe(201);
    expect(sticker.json()).toMatchObject({ kind: 'sticker', sticker: { id: stickerId } });
    expect((await send(t, anna, chatId, { stickerId: uuidv7() })).json().code).toBe('STICKER_NOT_FOUND');

    const attachmentId = uuidv7();
    await db()
      .insertInto('chat_attachments')
      .values({
        id: attachmentId,
        chat_id: chatId,
        message_id: null,
        uploader_id: anna.id,
        blob_key: 'b'.repeat(64),
        name: 'plan.pdf',
        mime: 'application/pdf',
        size: 10,
        width: null,
        height: null,
        thumb_key: null,
        created_at: now,
      })
      .execute();
    expect((await send(t, boris, chatId, { attachmentIds: [attachmentId] })).json().code).toBe(
      'CHAT_ATTACHMENT_NOT_FOUND',
    );
    const withFile = await send(t, anna, chatId, { body: '', attachmentIds: [attachmentId] });
    expect(withFile.statusCode).toBe(201);
    const message = withFile.json();
    expect(message.attachments).toMatchObject([{ id: attachmentId, name: 'plan.pdf' }]);
    expect(
      JSON.parse(
        (await chatEvents(t, chatId)).find(
          (e) => e.type === 'chat.message' && JSON.parse(e.data).id === message.id,
        )!.data,
      ).attachments,
    ).toHaveLength(1);

    const target = await makeChat(t, anna, [vera]);
    const clientId = uuidv7();
    const fwd = await call(t, anna, {
      method: 'POST',
      url: `/api/v1/chats/${chatId}/messages/${message.id}/forward`,
      payload: { toChatId: target, clientId },
    });
    expect(fwd.statusCode).toBe(201);
    expect(fwd.json()).toMatchObject({ chatId: target, forwardedFrom: { chatId, author: { id: anna.id } } });
    expect(fwd.json().attachments).toHaveLength(1);
    expect(fwd.json().attachments[0].id).not.toBe(attachmentId);
    const again = await call(t, anna, {
      method: 'POST',
      url: `/api/v1/chats/${chatId}/messages/${message.id}/forward`,
      payload: { toChatId: target, clientId },
    });
    expect(again.statusCode).toBe(200);
    expect(again.json().id).toBe(fwd.json().id);
    // Boris is not in the target chat.
    const denied = await call(t, boris, {
      method: 'POST',
      url: `/api/v1/chats/${chatId}/messages/${message.id}/forward`,
      payload: { toChatId: target, clientId: uuidv7() },
    });
    expect(denied.statusCode).toBe(404);
  });
});

describe('the membership gate', () => {
  it('answers 404 CHAT_NOT_FOUND to a non-member on every message route', async () => {
    const m = await sendText(t, anna, chatId, 'members only');
    const base = `/api/v1/chats/${chatId}/messages`;
    const requests = [
      { method: 'GET', url: base },
      { method: 'POST', url: base, payload: { clientId: uuidv7(), body: 'hi' } },
      { method: 'GET', url: `${base}/${m.id}` },
      { method: 'PATCH', url: `${base}/${m.id}`, payload: { body: 'x' } },
      { method: 'DELETE', url: `${base}/${m.id}` },
      { method: 'GET', url: `${base}/${m.id}/receipts` },
      { method: 'PUT', url: `${base}/${m.id}/reactions/${encodeURIComponent('👍')}` },
      { method: 'DELETE', url: `${base}/${m.id}/reactions/${encodeURIComponent('👍')}` },
      { method: 'POST', url: `${base}/${m.id}/forward`, payload: { toChatId: chatId, clientId: uuidv7() } },
    ] as const;
    for (const request of requests) {
      const res = await call(t, stranger, request);
      expect(res.statusCode, `${request.method} ${request.url}`).toBe(404);
      expect(res.json().code).toBe('CHAT_NOT_FOUND');
    }
    const missing = await call(t, stranger, { url: `/api/v1/chats/${uuidv7()}/messages` });
    expect(missing.json().code).toBe('CHAT_NOT_FOUND');
  });
});

describe('group commit', () => {
  it('rolls back a failing job alone, with its events, and commits the others', async () => {
    const ctx = systemCtx(t);
    const published: string[] = [];
    const stop = t.app.bus.subscribe('batch:test', (frame) => {
      published.push(String((frame.data as { n: number }).n));
    });
    const job = (n: number, fail: boolean) =>
      inGroupCommit(ctx, async (tx) => {
        await appendStreamEvent(tx, 'batch:test', 'test', { n });
        if (fail) throw new Error(`job ${n} failed`);
        return n;
      });
    const results = await Promise.allSettled([job(1, false), job(2, true), job(3, false)]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    const stored = await db()
      .selectFrom('stream_events')
      .select(['seq', 'data'])
      .where('stream', '=', 'batch:test')
      .orderBy('seq')
      .execute();
    expect(stored.map((e) => JSON.parse(e.data).n)).toEqual([1, 3]);
    expect(stored.map((e) => Number(e.seq))).toEqual([1, 2]);
    expect(published).toEqual(['1', '3']);
    stop();
  });

  it('answers each of many concurrent sends with its own stored message', async () => {
    const chat = await makeChat(t, anna, [boris]);
    const bodies = Array.from({ length: 20 }, (_, i) => (i % 5 === 4 ? '' : `burst ${i}`));
    const results = await Promise.all(bodies.map((body, n) => send(t, n % 2 ? anna : boris, chat, { body })));
    expect(results.map((r) => r.statusCode)).toEqual(bodies.map((b) => (b === '' ? 400 : 201)));
    const seqs = results.filter((r) => r.statusCode === 201).map((r) => r.json().seq as number);
    expect(new Set(seqs).size).toBe(16);
    const events = (await chatEvents(t, chat)).filter((e) => e.type === 'chat.message');
    expect(events.map((e) => Number(e.seq)).sort((a, b) => a - b)).toEqual([...seqs].sort((a, b) => a - b));
  });
});

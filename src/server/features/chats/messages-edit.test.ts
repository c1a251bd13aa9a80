import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, type Person, signedIn } from '../../../../tests/support/people.js';
import { buildTestApp, type TestApp } from '../../../../tests/support/test-app.js';
import { chatEvents, makeChat, send, sendText } from './messages.fixtures.js';

/** Editing and deleting messages (C4, X6), and read receipts (C3). */

let t: TestApp;
let anna: Person;
let boris: Person;
let vera: Person;
let moderator: Person;
let chatId: string;

beforeAll(async () => {
  t = await buildTestApp();
  anna = await signedIn(t, 'employee', { name: 'Anna' });
  boris = await signedIn(t, 'employee', { name: 'Boris' });
  vera = await signedIn(t, 'employee', { name: 'Vera' });
  moderator = await signedIn(t, 'moderator');
  chatId = await makeChat(t, anna, [boris, vera, moderator]);
});
afterAll(async () => {
  await t.close();
});

const db = () => t.database.handle.db;
const url = (id: string) => `/api/v1/chats/${chatId}/messages/${id}`;

function ledgerOf(subjectId: string) {
  return db()
    .selectFrom('ledger')
    .select(['action', 'payload'])
    .where('subject_id', '=', subjectId)
    .orderBy('seq')
    .execute();
}

describe('edit', () => {
  it('lets the author edit: shown as edited, re-rendered, in the ledger with both versions, announced', async () => {
    const m = await sendText(t, boris, chatId, 'first _draft_');
    const res = await call(t, boris, {
      method: 'PATCH',
      url: url(m.id),
      payload: { body: 'final **text**' },
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ id: m.id, seq: m.seq, body: 'final **text**' });
    expect(res.json().html).toContain('<strong>text</strong>');
    expect(res.json().editedAt).not.toBeNull();

    const entries = await ledgerOf(m.id);
    expect(entries.map((e) => e.action)).toEqual(['message.edited']);
    expect(JSON.parse(entries[0]!.payload)).toMatchObject({
      body: 'final **text**',
      previousBody: 'first _draft_',
      chatId,
    });

    const updated = (await chatEvents(t, chatId)).filter((e) => e.type === 'chat.message.updated').at(-1)!;
    expect(JSON.parse(updated.data)).toMatchObject({ id: m.id, body: 'final **text**' });
    const listed = (await call(t, anna, { url: `/api/v1/chats/${chatId}/messages` })).json();
    expect(listed.items.find((i: { id: string }) => i.id === m.id).editedAt).not.toBeNull();
  });

  it('refuses others, deleted messages, stickers and empty text', async () => {
    const m = await sendText(t, boris, chatId, 'mine');
    const other = await call(t, anna, { method: 'PATCH', url: url(m.id), payload: { body: 'hijack' } });
    expect(other.statusCode).toBe(403);
    expect(other.json().code).toBe('MESSAGE_NOT_EDITABLE');
    const blank = await call(t, boris, { method: 'PATCH', url: url(m.id), payload: { body: '\u200B ' } });
    expect(blank.json().code).toBe('MESSAGE_EMPTY');
    await call(t, boris, { method: 'DELETE', url: url(m.id) });
    const gone = await call(t, boris, { method: 'PATCH', url: url(m.id), payload: { body: 'back' } });
    expect(gone.json().code).toBe('MESSAGE_NOT_EDITABLE');
    const unknown = await call(t, boris, {
      method: 'PATCH',
      url: url('0190f0e0-0000-7000-8000-000000000000'),
      payload: { body: 'x' },
    });
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json().code).toBe('MESSAGE_NOT_FOUND');
  });
});

describe('delete', () => {
  it('empties the message, keeps it in the ledger and scrubs every stored event of its text', async () => {
    const secret = 'confidential-launch-codeword';
    const m = await sendText(t, boris, chatId, `the ${secret}`);
    await call(t, boris, { method: 'PATCH', url: url(m.id), payload: { body: `the ${secret} v2` } });
    await call(t, anna, { method: 'PUT', url: `${url(m.id)}/reactions/${encodeURIComponent('👍')}` });
    const reply = await send(t, anna, chatId, { body: 'noted', replyToId: m.id });
    expect(reply.json().replyTo.excerpt).toContain(secret);

    const res = await call(t, boris, { method: 'DELETE', url: url(m.id) });
    expect(res.statusCode).toBe(204);
    const shown = (await call(t, anna, { url: url(m.id) })).json();
    expect(shown).toMatchObject({ body: '', html: '', reactions: [] });
    expect(shown.deletedAt).not.toBeNull();
    const listed = (await call(t, anna, { url: `/api/v1/chats/${chatId}/messages?limit=100` })).json();
    expect(JSON.stringify(listed)).not.toContain(secret);

    const events = await chatEvents(t, chatId);
    expect(events.some((e) => e.data.includes(secret))).toBe(false);
    const last = events.at(-1)!;
    expect(last.type).toBe('chat.message.updated');
    expect(JSON.parse(last.data)).toMatchObject({ id: m.id, body: '' });
    const quoting = events.filter((e) => JSON.parse(e.data).id === reply.json().id);
    expect(quoting.length).toBeGreaterThan(0);
    for (const e of quoting) expect(JSON.parse(e.data).replyTo).toMatchObject({ deleted: true, excerpt: '' });

    const entries = await ledgerOf(m.id);
    expect(entries.map((e) => e.action)).toEqual(['message.edited', 'message.deleted']);
    expect(JSON.parse(entries[1]!.payload)).toMatchObject({ body: `the ${secret} v2`, authorId: boris.id });
    const terms = await db()
      .selectFrom('message_terms')
      .select('term')
      .where('message_id', '=', m.id)
      .execute();
    expect(terms).toEqual([]);
    // Deleting again changes nothing.
    expect((await call(t, boris, { method: 'DELETE', url: url(m.id) })).statusCode).toBe(204);
  });

  it('lets chat admins and platform moderators delete, not other members', async () => {
    const byVera = await sendText(t, vera, chatId, 'vera says');
    const denied = await call(t, boris, { method: 'DELETE', url: url(byVera.id) });
    expect(denied.statusCode).toBe(403);
    expect((await call(t, anna, { method: 'DELETE', url: url(byVera.id) })).statusCode).toBe(204);
    const again = await sendText(t, vera, chatId, 'vera again');
    expect((await call(t, moderator, { method: 'DELETE', url: url(again.id) })).statusCode).toBe(204);
    const row = await db()
      .selectFrom('messages')
      .select('deleted_by')
      .where('id', '=', again.id)
      .executeTakeFirstOrThrow();
    expect(row.deleted_by).toBe(moderator.id);
  });
});

describe('read receipts', () => {
  it('names the readers in a small chat', async () => {
    const chat = await makeChat(t, anna, [boris, vera]);
    const m = await sendText(t, anna, chat, 'read me');
    await db()
      .updateTable('chat_members')
      .set({ last_read_seq: m.seq })
      .where('chat_id', '=', chat)
      .where('user_id', '=', boris.id)
      .execute();
    const res = await call(t, vera, { url: `/api/v1/chats/${chat}/messages/${m.id}/receipts` });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ readCount: 1, readers: [{ id: boris.id, name: 'Boris' }] });
  });

  it('only counts the readers in a large chat', async () => {
    const chat = await makeChat(t, anna, [boris]);
    const m = await sendText(t, anna, chat, 'big room');
    await db().updateTable('chats').set({ member_count: 31 }).where('id', '=', chat).execute();
    await db()
      .updateTable('chat_members')
      .set({ last_read_seq: m.seq })
      .where('chat_id', '=', chat)
      .execute();
    const res = await call(t, boris, { url: `/api/v1/chats/${chat}/messages/${m.id}/receipts` });
    expect(res.json()).toEqual({ readCount: 1, readers: null });
  });
});

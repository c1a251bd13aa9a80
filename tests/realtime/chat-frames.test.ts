import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/server/app.js';
import { type Ctx, transact } from '../../src/server/platform/context.js';
import { appendStreamEvent, streams } from '../../src/server/platform/events/streams.js';
import { createLocalBus } from '../../src/server/platform/realtime/bus.js';
import type { AckFrame, NackFrame, ServerFrame, StreamsFrame } from '../../src/shared/realtime/frames.js';
import { type Person, signedIn } from '../support/people.js';
import { buildTestApp, systemCtx, type TestApp } from '../support/test-app.js';
import { insertChat } from './chat-support.js';
import { connect, listen, type RealtimeTestClient } from './support.js';

/**
 * Chat over the socket: `send` → `ack` then the message's frame, `nack` for what an HTTP send
 * would refuse; typing relayed to the other members only; a removed member's frames stop at
 * once; a guessed stream is never replayed; a frame the bus lost is repaired from the log.
 */
describe('chat frames on the realtime socket', () => {
  let t: TestApp;
  let node: FastifyInstance;
  let address: string;
  let alice: Person;
  let bob: Person;
  let carol: Person;
  let chatId: string;
  let channelId: string;

  beforeAll(async () => {
    t = await buildTestApp();
    // A node with a fast gap check (the default is a second), on the same database.
    node = await buildApp({
      config: t.config,
      database: t.database.handle,
      logger: false,
      bus: t.app.bus,
      realtime: { gapCheckMs: 100 },
    });
    address = await listen(node);
    const db = t.database.handle.db;
    [alice, bob, carol] = await Promise.all([signedIn(t), signedIn(t), signedIn(t)]);
    chatId = await insertChat(db, 'group', [{ id: alice.id, role: 'admin' }, { id: bob.id }]);
    channelId = await insertChat(db, 'channel', [{ id: alice.id, role: 'admin' }, { id: bob.id }]);
  });
  afterAll(async () => {
    await node.close();
    await t.close();
  });

  const isHello = (f: ServerFrame) => f.type === 'hello';
  const open = async (who: Person, resume: Record<string, number> = {}) => {
    const client = await connect(address, who, { resume });
    await client.waitFor(isHello);
    return client;
  };
  /** Resolves once the server has handled everything the client sent before. */
  const settle = async (client: RealtimeTestClient) => {
    const before = client.frames.filter((f) => f.type === 'pong').length;
    client.send({ type: 'ping' });
    await client.waitFor(() => client.frames.filter((f) => f.type === 'pong').length > before);
  };
  const ackOf = (client: RealtimeTestClient, clientId: string) =>
    client.waitFor(
      (f) => (f.type === 'ack' || f.type === 'nack') && (f as AckFrame).data.clientId === clientId,
    ) as Promise<AckFrame | NackFrame>;
  const send = (client: RealtimeTestClient, chat: string, clientId: string, body = 'Hello') =>
    client.send({ type: 'send', chatId: chat, message: { clientId, body } });

  it('acknowledges a send with its seq, delivers it to every member, and stores a retry once', async () => {
    const a = await open(alice);
    const b = await open(bob);
    send(a, chatId, 'one', 'Hi **Bob**');
    send(a, chatId, 'two', 'Second');
    const ack1 = (await ackOf(a, 'one')) as AckFrame;
    const ack2 = (await ackOf(a, 'two')) as AckFrame;
    expect(ack1.type).toBe('ack');
    expect(ack2.data.seq).toBe(ack1.data.seq + 1);
    const stream = streams.chat(chatId);
    const mine = await a.waitForEvents(stream, 2);
    expect(mine.map((f) => f.seq)).toEqual([ack1.data.seq, ack2.data.seq]);
    const theirs = await b.waitForEvents(stream, 2);
    expect(theirs[0]).toMatchObject({
      type: 'chat.message',
      seq: ack1.data.seq,
      data: { id: ack1.data.messageId },
    });

    send(a, chatId, 'one', 'Hi **Bob**');
    const retried = a.frames.filter((f) => f.type === 'ack').length;
    await a.waitFor(() => a.frames.filter((f) => f.type === 'ack').length > retried);
    const again = a.frames.filter((f): f is AckFrame => f.type === 'ack').at(-1)!;
    expect(again.data).toEqual(ack1.data);
    await settle(a);
    await settle(b);
    expect(b.events(stream)).toHaveLength(2);
    a.ws.close();
    b.ws.close();
  });

  it('nacks a non-member, a read-only channel and a bad message, and keeps the socket open', async () => {
    const c = await open(carol);
    send(c, chatId, 'c1');
    expect((await ackOf(c, 'c1')).data).toMatchObject({ error: { code: 'CHAT_NOT_FOUND', status: 404 } });
    const b = await open(bob);
    send(b, channelId, 'b1');
    expect((await ackOf(b, 'b1')).data).toMatchObject({ error: { code: 'CHAT_READ_ONLY', status: 403 } });
    b.send({ type: 'send', chatId, message: { clientId: 'b2', body: 42 } });
    b.send({ type: 'send', chatId: 'not-a-uuid', message: { clientId: 'b3', body: 'x' } });
    expect((await ackOf(b, 'b2')).data).toMatchObject({ error: { code: 'VALIDATION_FAILED', status: 400 } });
    expect((await ackOf(b, 'b3')).data).toMatchObject({ error: { code: 'VALIDATION_FAILED' } });
    expect(b.ws.readyState).toBe(b.ws.OPEN);
    c.ws.close();
    b.ws.close();
  });

  it('rate-limits sends per socket with a nack, not a close', async () => {
    const c = await open(carol);
    for (let i = 0; i < 60; i++) send(c, chatId, `flood-${i}`);
    await c.waitFor(() => c.frames.filter((f) => f.type === 'nack').length >= 60);
    const codes = c.frames.filter((f): f is NackFrame => f.type === 'nack').map((f) => f.data.error.code);
    expect(codes.filter((code) => code === 'RATE_LIMITED').length).toBeGreaterThanOrEqual(9);
    expect(c.ws.readyState).toBe(c.ws.OPEN);
    c.ws.close();
  });

  it('relays typing to the other members only, at most once per chat every 2 s', async () => {
    const a = await open(alice);
    const b = await open(bob);
    const c = await open(carol);
    a.send({ type: 'typing', chatId });
    a.send({ type: 'typing', chatId });
    c.send({ type: 'typing', chatId });
    const typing = await b.waitFor((f) => f.type === 'chat.typing');
    expect(typing).toMatchObject({ stream: streams.chat(chatId), data: { chatId, userId: alice.id } });
    expect(typing).not.toHaveProperty('seq');
    await settle(a);
    await settle(c);
    await settle(b);
    expect(b.frames.filter((f) => f.type === 'chat.typing')).toHaveLength(1);
    expect(a.frames.some((f) => f.type === 'chat.typing')).toBe(false);
    expect(c.frames.some((f) => f.type === 'chat.typing')).toBe(false);
    a.ws.close();
    b.ws.close();
    c.ws.close();
  });

  it("stops a removed member's frames at once, also when only the chat stream says so", async () => {
    const db = t.database.handle.db;
    const dave = await signedIn(t);
    const erin = await signedIn(t);
    const chat = await insertChat(db, 'group', [
      { id: alice.id, role: 'admin' },
      { id: dave.id },
      { id: erin.id },
    ]);
    const stream = streams.chat(chat);
    const d = await open(dave);
    const e = await open(erin);
    const ctx = systemCtx(t);
    // Removed, told on their own stream; a message follows at once.
    await db.deleteFrom('chat_members').where('chat_id', '=', chat).where('user_id', '=', dave.id).execute();
    await transact(ctx, async (tx) => {
      await appendStreamEvent(tx, streams.user(dave.id), 'chats.changed', { chatId: chat, reason: 'left' });
    });
    await transact(ctx, (tx) => appendStreamEvent(tx, stream, 'chat.message', { id: 'm1' }));
    await d.waitFor((f) => f.type === 'streams' && (f as StreamsFrame).data.removed.includes(stream));
    // Removed on another node: only the chat's own `chat.updated` arrives here, then a message.
    await db.deleteFrom('chat_members').where('chat_id', '=', chat).where('user_id', '=', erin.id).execute();
    await transact(ctx, async (tx) => {
      await appendStreamEvent(tx, stream, 'chat.updated', { chatId: chat });
      await appendStreamEvent(tx, stream, 'chat.message', { id: 'm2' });
    });
    await e.waitFor((f) => f.type === 'streams' && (f as StreamsFrame).data.removed.includes(stream));
    const a = await open(alice);
    await transact(ctx, (tx) => appendStreamEvent(tx, stream, 'chat.message', { id: 'm3' }));
    await settle(d);
    await settle(e);
    expect(d.events(stream)).toEqual([]);
    // m1 came while Erin was still in; nothing after her removal.
    expect(e.events(stream).map((f) => (f.data as { id?: string }).id)).toEqual(['m1']);
    a.ws.close();
    d.ws.close();
    e.ws.close();
  });

  it('ignores a resume cursor for a chat the person is not in', async () => {
    const c = await open(carol, { [streams.chat(chatId)]: 0 });
    await settle(c);
    expect(c.frames.some((f) => 'stream' in f && f.stream === streams.chat(chatId))).toBe(false);
    c.ws.close();
  });

  it('repairs a last frame the bus lost within a couple of checks', async () => {
    const b = await open(bob);
    await settle(b);
    // Committed, but published on a bus nobody listens to: the frame is lost.
    const lost: Ctx = { ...systemCtx(t), bus: createLocalBus() };
    const frame = await transact(lost, (tx) =>
      appendStreamEvent(tx, streams.chat(chatId), 'chat.message', { id: 'lost' }),
    );
    const got = await b.waitFor((f) => 'seq' in f && f.seq === frame.seq && f.type === 'chat.message', 2000);
    expect(got).toMatchObject({ data: { id: 'lost' } });
    b.ws.close();
  });
});

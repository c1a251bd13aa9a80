import { randomBytes } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/server/app.js';
import { streams } from '../../src/server/platform/events/streams.js';
import type { Presence } from '../../src/shared/api/chats.js';
import type { AckFrame, EventFrame } from '../../src/shared/realtime/frames.js';
import { type Person, signedIn } from '../support/people.js';
import { buildTestApp, type TestApp } from '../support/test-app.js';
import { insertChat } from './chat-support.js';
import { connect, listen, type RealtimeTestClient } from './support.js';

const redisUrl = process.env.TEST_REDIS_URL;

/**
 * Two nodes sharing one Redis (and one database): presence, typing and a message sent over the
 * socket cross from one node to the other.
 */
describe.runIf(redisUrl)('chat and presence across two nodes', () => {
  let t: TestApp;
  let nodeB: FastifyInstance;
  let addressA: string;
  let addressB: string;
  let alice: Person;
  let bob: Person;
  let chatId: string;
  // Every run under its own prefix: the Redis server is shared with other runs.
  const prefix = `atrium-test-${randomBytes(6).toString('hex')}:`;

  beforeAll(async () => {
    t = await buildTestApp({ REDIS_URL: redisUrl!, REDIS_PREFIX: prefix });
    nodeB = await buildApp({ config: t.config, database: t.database.handle, logger: false });
    addressA = await listen(t.app);
    addressB = await listen(nodeB);
    [alice, bob] = await Promise.all([signedIn(t), signedIn(t)]);
    chatId = await insertChat(t.database.handle.db, 'direct', [{ id: alice.id }, { id: bob.id }]);
  });
  afterAll(async () => {
    await t.app.rateLimiter.store.clear();
    await nodeB.close();
    await t.close();
    // Presence keys this run left (a node's parts are removed on close; this is belt and braces).
    const redis = new Redis(redisUrl!);
    const keys = await redis.keys(`${prefix}*`);
    if (keys.length > 0) await redis.del(...keys);
    redis.disconnect();
  });

  const open = async (address: string, who: Person) => {
    const client = await connect(address, who, { resume: {} });
    await client.waitFor((f) => f.type === 'hello');
    return client;
  };
  const changes = (client: RealtimeTestClient, userId: string) =>
    client.frames
      .filter((f): f is EventFrame<'presence.changed', Presence> => f.type === 'presence.changed')
      .filter((f) => f.data.userId === userId)
      .map((f) => f.data.state);

  it('shows on node A who is online on node B, and a message and typing cross over', async () => {
    const a = await open(addressA, alice);
    a.send({ type: 'presence', watch: [bob.id] });
    await a.waitFor(() => changes(a, bob.id).length >= 1);
    expect(changes(a, bob.id)).toEqual(['offline']);

    const b = await open(addressB, bob);
    await a.waitFor(() => changes(a, bob.id).at(-1) === 'online');
    expect(await t.app.presence.isOnline(bob.id)).toBe(true);
    const res = await t.app.inject({
      method: 'GET',
      url: `/api/v1/presence?ids=${bob.id}`,
      headers: alice.session.headers,
    });
    expect(res.json()).toMatchObject({ items: [{ userId: bob.id, state: 'online' }] });

    b.send({ type: 'typing', chatId });
    await a.waitFor((f) => f.type === 'chat.typing');
    b.send({ type: 'send', chatId, message: { clientId: 'x1', body: 'Across nodes' } });
    const ack = (await b.waitFor((f) => f.type === 'ack')) as AckFrame;
    const got = await a.waitForEvents(streams.chat(chatId), 1);
    expect(got[0]).toMatchObject({
      type: 'chat.message',
      seq: ack.data.seq,
      data: { id: ack.data.messageId },
    });

    b.send({ type: 'presence', state: 'away' });
    await a.waitFor(() => changes(a, bob.id).at(-1) === 'away');
    b.ws.close();
    await a.waitFor(() => changes(a, bob.id).at(-1) === 'offline');
    expect(await t.app.presence.isOnline(bob.id)).toBe(false);
    a.ws.close();
  });
});

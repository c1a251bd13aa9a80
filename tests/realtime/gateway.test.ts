import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/server/app.js';
import { transact } from '../../src/server/platform/context.js';
import { appendStreamEvent, streams } from '../../src/server/platform/events/streams.js';
import { pruneStreamEvents } from '../../src/server/platform/realtime/stream-log.js';
import type { HelloFrame, ServerFrame, StreamsFrame } from '../../src/shared/realtime/frames.js';
import { type Person, signedIn } from '../support/people.js';
import { buildTestApp, systemCtx, type TestApp } from '../support/test-app.js';
import { addMember, connect, insertGroup, listen, removeMember, sleep, UpgradeRefused } from './support.js';

let t: TestApp;
let address: string;

beforeAll(async () => {
  t = await buildTestApp();
  address = await listen(t.app);
});
afterAll(async () => {
  await t.close();
});

function append(stream: string, type: string, data: Record<string, unknown> = {}) {
  return transact(systemCtx(t), (tx) => appendStreamEvent(tx, stream, type, data));
}

const isHello = (f: ServerFrame): f is HelloFrame => f.type === 'hello';

describe('opening the socket', () => {
  it('refuses a caller without a session (401) and a deactivated person (401)', async () => {
    await expect(connect(address, null)).rejects.toEqual(new UpgradeRefused(401));
    const gone = await signedIn(t, 'employee', { status: 'deactivated' });
    await expect(connect(address, gone)).rejects.toEqual(new UpgradeRefused(401));
  });

  it('refuses another origin, and a missing one, with 403 (R14)', async () => {
    const me = await signedIn(t);
    await expect(connect(address, me, { origin: 'https://evil.example' })).rejects.toEqual(
      new UpgradeRefused(403),
    );
    await expect(connect(address, me, { origin: `http://${address}.evil.example` })).rejects.toEqual(
      new UpgradeRefused(403),
    );
    await expect(connect(address, me, { origin: null })).rejects.toEqual(new UpgradeRefused(403));
  });

  it('with PUBLIC_URL set, only that origin may open a socket', async () => {
    const config = { ...t.config, publicUrl: 'http://atrium.example:8080' };
    const node = await buildApp({ config, database: t.database.handle, logger: false });
    try {
      const nodeAddress = await listen(node);
      const me = await signedIn(t);
      await expect(connect(nodeAddress, me)).rejects.toEqual(new UpgradeRefused(403));
      await expect(connect(nodeAddress, me, { origin: 'http://atrium.example' })).rejects.toEqual(
        new UpgradeRefused(403),
      );
      const client = await connect(nodeAddress, me, { origin: 'http://atrium.example:8080', resume: {} });
      await client.waitFor(isHello);
      client.ws.close();
    } finally {
      await node.close();
    }
  });

  it('a plain GET is not an API operation: 401 anonymous, 404 signed in', async () => {
    const me = await signedIn(t);
    const origin = 'http://localhost';
    expect((await t.app.inject({ url: '/api/v1/realtime', headers: { origin } })).statusCode).toBe(401);
    const res = await t.app.inject({ url: '/api/v1/realtime', headers: { ...me.session.headers, origin } });
    expect(res.statusCode).toBe(404);
  });

  it('says hello with the streams the server chose: own user stream, company, member groups', async () => {
    const db = t.database.handle.db;
    const me = await signedIn(t);
    const mine = await insertGroup(db, 'secret');
    const open = await insertGroup(db, 'open');
    await addMember(db, mine, me.id);
    await append(streams.group(mine), 'post.created', { postId: 'x' });
    const client = await connect(address, me, { resume: {} });
    const hello = (await client.waitFor(isHello)) as HelloFrame;
    expect(hello.data.streams).toEqual({
      [streams.user(me.id)]: 0,
      [streams.company]: expect.any(Number),
      [streams.group(mine)]: 1,
    });
    expect(Object.keys(hello.data.streams)).not.toContain(streams.group(open));
    client.ws.close();

    const guest = await signedIn(t, 'guest');
    const guestClient = await connect(address, guest, { resume: {} });
    const guestHello = (await guestClient.waitFor(isHello)) as HelloFrame;
    expect(Object.keys(guestHello.data.streams)).toEqual([streams.user(guest.id)]);
    guestClient.ws.close();
  });

  it('answers ping with pong, and closes on a message that is not the protocol', async () => {
    const me = await signedIn(t);
    const client = await connect(address, me, { resume: {} });
    client.send({ type: 'ping' });
    await client.waitFor((f) => f.type === 'pong');
    client.ws.send('not json');
    expect((await client.closed).code).toBe(4400);
  });
});

describe('delivery', () => {
  let member: Person;
  let outsider: Person;
  let groupId: string;

  beforeAll(async () => {
    const db = t.database.handle.db;
    member = await signedIn(t);
    outsider = await signedIn(t);
    groupId = await insertGroup(db, 'secret');
    await addMember(db, groupId, member.id);
  });

  it('a group event reaches a member and never a non-member', async () => {
    const a = await connect(address, member, { resume: {} });
    const b = await connect(address, outsider, { resume: {} });
    await Promise.all([a.waitFor(isHello), b.waitFor(isHello)]);
    await sleep(50);
    const frame = await append(streams.group(groupId), 'post.created', { postId: 'p1', groupId });
    // Published after the group event on the same bus: once it is in, the other would be too.
    await append(streams.user(outsider.id), 'notification.created', { id: 'n1', type: 'mention' });
    await b.waitFor((f) => f.type === 'notification.created');
    const got = await a.waitFor((f) => f.type === 'post.created');
    expect(got).toEqual({
      type: 'post.created',
      stream: streams.group(groupId),
      seq: frame.seq,
      data: { postId: 'p1', groupId },
    });
    expect(b.frames.filter((f) => 'stream' in f && f.stream === streams.group(groupId))).toEqual([]);
    a.ws.close();
    b.ws.close();
  });

  it('passes ephemeral frames through without a seq, only to subscribers', async () => {
    const a = await connect(address, member, { resume: {} });
    const b = await connect(address, outsider, { resume: {} });
    await Promise.all([a.waitFor(isHello), b.waitFor(isHello)]);
    t.app.bus.publish({ type: 'typing', stream: streams.group(groupId), data: { userId: member.id } });
    t.app.bus.publish({ type: 'typing', stream: streams.user(outsider.id), data: {} });
    await b.waitFor((f) => f.type === 'typing');
    expect(await a.waitFor((f) => f.type === 'typing')).toEqual({
      type: 'typing',
      stream: streams.group(groupId),
      data: { userId: member.id },
    });
    expect(b.frames.filter((f) => 'stream' in f && f.stream === streams.group(groupId))).toEqual([]);
    a.ws.close();
    b.ws.close();
  });

  it('follows membership changes: joins and leaves group streams while open', async () => {
    const db = t.database.handle.db;
    const joiner = await signedIn(t);
    const group = await insertGroup(db, 'closed');
    const client = await connect(address, joiner, { resume: {} });
    await client.waitFor(isHello);

    await addMember(db, group, joiner.id);
    await append(streams.user(joiner.id), 'membership.changed', { groupId: group });
    const added = await client.waitFor((f) => f.type === 'streams');
    expect(added).toEqual({
      type: 'streams',
      data: { added: { [streams.group(group)]: expect.any(Number) }, removed: [] },
    });
    const post = await append(streams.group(group), 'post.created', { postId: 'p2' });
    expect(await client.waitFor((f) => f.type === 'post.created')).toMatchObject({ seq: post.seq });

    await removeMember(db, group, joiner.id);
    await append(streams.user(joiner.id), 'membership.changed', { groupId: group });
    await client.waitFor((f) => f.type === 'streams' && (f as StreamsFrame).data.removed.length === 1);
    await append(streams.group(group), 'post.created', { postId: 'p3' });
    await append(streams.user(joiner.id), 'notification.created', { id: 'n2', type: 'mention' });
    await client.waitFor((f) => f.type === 'notification.created');
    expect(client.events(streams.group(group)).map((f) => f.data)).toEqual([{ postId: 'p2' }]);
    client.ws.close();
  });

  it('closes the socket with 4001 when its session ends', async () => {
    const me = await signedIn(t);
    const client = await connect(address, me, { resume: {} });
    await client.waitFor(isHello);
    await t.database.handle.db.deleteFrom('sessions').where('user_id', '=', me.id).execute();
    t.app.bus.publish({ type: 'session.revoked', stream: streams.user(me.id), data: {} });
    expect((await client.closed).code).toBe(4001);
  });

  it('closes the socket as soon as the person signs out (R13)', async () => {
    const me = await signedIn(t);
    const other = await connect(address, me, { resume: {} });
    await other.waitFor(isHello);
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/logout',
      headers: me.session.headers,
    });
    expect(res.statusCode).toBeLessThan(300);
    expect((await other.closed).code).toBe(4001);
  });

  it("closes the socket when an administrator ends the person's sessions", async () => {
    const admin = await signedIn(t, 'admin');
    const me = await signedIn(t);
    const client = await connect(address, me, { resume: {} });
    await client.waitFor(isHello);
    const res = await t.app.inject({
      method: 'DELETE',
      url: `/api/v1/users/${me.id}/sessions`,
      headers: admin.session.headers,
    });
    expect(res.statusCode).toBeLessThan(300);
    expect((await client.closed).code).toBe(4001);
  });

  it('closes the socket with 4001 when the person is deactivated', async () => {
    const me = await signedIn(t);
    const client = await connect(address, me, { resume: {} });
    await client.waitFor(isHello);
    await t.database.handle.db
      .updateTable('users')
      .set({ status: 'deactivated' })
      .where('id', '=', me.id)
      .execute();
    await append(streams.user(me.id), 'session.revoked');
    expect((await client.closed).code).toBe(4001);
  });
});

describe('resume', () => {
  it('replays what was missed after the cursor, then goes live', async () => {
    const me = await signedIn(t);
    const stream = streams.user(me.id);
    for (let i = 1; i <= 5; i++)
      await append(stream, 'notification.created', { id: `n${i}`, type: 'mention' });
    const client = await connect(address, me, { resume: { [stream]: 2 } });
    await client.waitForEvents(stream, 3);
    await append(stream, 'notification.created', { id: 'n6', type: 'mention' });
    const events = await client.waitForEvents(stream, 4);
    expect(events.map((e) => e.seq)).toEqual([3, 4, 5, 6]);
    client.ws.close();
  });

  it('without a cursor a stream starts at its head; streams not subscribed are ignored', async () => {
    const me = await signedIn(t);
    const other = await signedIn(t);
    const stream = streams.user(me.id);
    await append(stream, 'notification.created', { id: 'old', type: 'mention' });
    await append(streams.user(other.id), 'notification.created', { id: 'theirs', type: 'mention' });
    const client = await connect(address, me, { resume: { [streams.user(other.id)]: 0 } });
    await client.waitFor(isHello);
    await append(stream, 'notification.created', { id: 'new', type: 'mention' });
    const [event] = await client.waitForEvents(stream, 1);
    expect(event!.data).toEqual({ id: 'new', type: 'mention' });
    await sleep(50);
    expect(client.frames.some((f) => 'stream' in f && f.stream === streams.user(other.id))).toBe(false);
    client.ws.close();
  });

  it('sends a reset beyond the replay limit, for pruned events and for a cursor ahead of the log', async () => {
    const db = t.database.handle.db;
    const me = await signedIn(t);
    const stream = streams.user(me.id);
    await transact(systemCtx(t), async (tx) => {
      for (let i = 0; i < 1005; i++)
        await appendStreamEvent(tx, stream, 'notification.created', { id: `${i}` });
    });
    const far = await connect(address, me, { resume: { [stream]: 0 } });
    expect(await far.waitFor((f) => f.type === 'reset')).toEqual({ type: 'reset', stream, seq: 1005 });
    await append(stream, 'notification.created', { id: 'after-reset' });
    const [live] = await far.waitForEvents(stream, 1);
    expect(live!.seq).toBe(1006);
    far.ws.close();

    const near = await connect(address, me, { resume: { [stream]: 1000 } });
    expect((await near.waitForEvents(stream, 6)).map((e) => e.seq)).toEqual([
      1001, 1002, 1003, 1004, 1005, 1006,
    ]);
    near.ws.close();

    const ahead = await connect(address, me, { resume: { [stream]: 5000 } });
    expect(await ahead.waitFor((f) => f.type === 'reset')).toEqual({ type: 'reset', stream, seq: 1006 });
    ahead.ws.close();

    await db
      .updateTable('stream_events')
      .set({ created_at: '2000-01-01T00:00:00.000Z' })
      .where('stream', '=', stream)
      .where('seq', '<=', 1003)
      .execute();
    expect(await pruneStreamEvents(db, new Date(Date.now() - 7 * 86_400_000))).toBeGreaterThanOrEqual(1003);
    const pruned = await connect(address, me, { resume: { [stream]: 1001 } });
    expect(await pruned.waitFor((f) => f.type === 'reset')).toEqual({ type: 'reset', stream, seq: 1006 });
    pruned.ws.close();
  });
});

describe('metrics', () => {
  it('counts open sockets and frames sent', async () => {
    const me = await signedIn(t);
    const client = await connect(address, me, { resume: {} });
    await client.waitFor(isHello);
    const metrics = (await t.app.inject('/metrics')).body;
    expect(metrics).toMatch(/atrium_realtime_sockets \d+/);
    expect(Number(/atrium_realtime_sockets (\d+)/.exec(metrics)![1])).toBeGreaterThanOrEqual(1);
    expect(Number(/atrium_realtime_frames_sent_total (\d+)/.exec(metrics)![1])).toBeGreaterThan(0);
    client.ws.close();
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { transact } from '../../src/server/platform/context.js';
import { appendStreamEvent, streams } from '../../src/server/platform/events/streams.js';
import type { EventFrame } from '../../src/shared/realtime/frames.js';
import { type Person, signedIn } from '../support/people.js';
import { buildTestApp, systemCtx, type TestApp } from '../support/test-app.js';
import { addMember, connect, insertGroup, listen, type RealtimeTestClient, sleep, tcpOf } from './support.js';

/**
 * The acceptance test of issue 3: a socket that drops in the middle of a burst and resumes
 * receives every missed event once, in order. The connection is killed without a close
 * handshake (as when a network goes down), while events keep being written.
 */

let t: TestApp;
let address: string;
let member: Person;
let groupId: string;

beforeAll(async () => {
  t = await buildTestApp();
  address = await listen(t.app);
  member = await signedIn(t);
  groupId = await insertGroup(t.database.handle.db, 'secret');
  await addMember(t.database.handle.db, groupId, member.id);
});
afterAll(async () => {
  await t.close();
});

/** Writes `count` events on `stream`, each in its own transaction, as fast as the database goes. */
async function burst(stream: string, count: number): Promise<void> {
  for (let i = 1; i <= count; i++) {
    await transact(systemCtx(t), (tx) => appendStreamEvent(tx, stream, 'post.created', { n: i }));
    // Let the socket's frames go out between writes, as they would under real load.
    if (i % 10 === 0) await sleep(1);
  }
}

/** The last seq a client received on `stream`, as the browser client remembers it. */
const lastSeq = (client: RealtimeTestClient, stream: string) => client.events(stream).at(-1)?.seq ?? 0;

describe('drop and resume (F9)', () => {
  it('a connection killed mid-burst resumes with every missed event exactly once, in order', async () => {
    const stream = streams.group(groupId);
    const first = await connect(address, member, { resume: {} });
    await first.waitFor((f) => f.type === 'hello');

    const total = 200;
    const writing = burst(stream, total);
    await first.waitForEvents(stream, 40, 10_000);
    // No close frame, no FIN handshake with the server: the TCP connection just goes away.
    tcpOf(first).destroy();
    const before = first.events(stream);
    const cursor = lastSeq(first, stream);
    expect(cursor).toBeLessThan(total);

    await sleep(20);
    const second = await connect(address, member, { resume: { [stream]: cursor } });
    await writing;
    const after = await second.waitForEvents(stream, total - cursor, 10_000);
    await sleep(100);

    const all: EventFrame[] = [...before, ...second.events(stream)];
    expect(all.map((e) => e.seq)).toEqual(Array.from({ length: total }, (_, i) => i + 1));
    expect(all.map((e) => (e.data as { n: number }).n)).toEqual(
      Array.from({ length: total }, (_, i) => i + 1),
    );
    expect(after[0]!.seq).toBe(cursor + 1);
    second.ws.close();
  });

  it('two drops in a row during one burst still lose and repeat nothing', async () => {
    const stream = streams.user(member.id);
    const seen: EventFrame[] = [];
    let client = await connect(address, member, { resume: {} });
    await client.waitFor((f) => f.type === 'hello');
    const writing = burst(stream, 300);
    for (const at of [60, 150]) {
      await client.waitForEvents(stream, at - seen.length, 10_000);
      client.ws.terminate();
      seen.push(...client.events(stream));
      client = await connect(address, member, { resume: { [stream]: seen.at(-1)!.seq! } });
    }
    await writing;
    await client.waitForEvents(stream, 300 - seen.length, 10_000);
    seen.push(...client.events(stream));
    expect(seen.map((e) => e.seq)).toEqual(Array.from({ length: 300 }, (_, i) => i + 1));
    client.ws.close();
  });
});

describe('back-pressure (F11)', () => {
  it('a replay larger than the send limit arrives whole: it waits for the socket to drain', async () => {
    const reader = await signedIn(t);
    const stream = streams.user(reader.id);
    const filler = 'y'.repeat(16_000);
    await transact(systemCtx(t), async (tx) => {
      for (let i = 1; i <= 1000; i++) await appendStreamEvent(tx, stream, 'post.created', { n: i, filler });
    });
    const client = await connect(address, reader, { resume: { [stream]: 0 } });
    const events = await client.waitForEvents(stream, 1000, 15_000);
    expect(events.map((e) => e.seq)).toEqual(Array.from({ length: 1000 }, (_, i) => i + 1));
    client.ws.close();
  });

  it('drops a socket that stops reading instead of buffering without bound', async () => {
    const reader = await signedIn(t);
    const stream = streams.user(reader.id);
    const client = await connect(address, reader, { resume: {} });
    await client.waitFor((f) => f.type === 'hello');
    // The client stops reading: the kernel buffers fill, then the server's own queue.
    tcpOf(client).pause();
    const chunk = 'x'.repeat(64 * 1024);
    for (let i = 0; i < 400; i++) {
      t.app.bus.publish({ type: 'typing', stream, data: { chunk } });
      if (i % 20 === 0) await sleep(5);
    }
    const metrics = (await t.app.inject('/metrics')).body;
    expect(metrics).toMatch(/atrium_realtime_sockets_dropped_total\{reason="slow"\} 1/);
    tcpOf(client).resume();
    const { code } = await client.closed;
    // The close frame may be stuck behind the unread data when the server cuts the connection.
    expect([1013, 1006]).toContain(code);
    // A dropped socket resumes like any other.
    const again = await connect(address, reader, { resume: {} });
    await again.waitFor((f) => f.type === 'hello');
    again.ws.close();
  });
});

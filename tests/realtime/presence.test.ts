import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Presence } from '../../src/shared/api/chats.js';
import type { EventFrame } from '../../src/shared/realtime/frames.js';
import { type Person, signedIn } from '../support/people.js';
import { buildTestApp, type TestApp } from '../support/test-app.js';
import { connect, listen, type RealtimeTestClient } from './support.js';

/**
 * Presence on one node (C3): online while a tab is open, away when every tab says so, offline
 * with last seen when the last closes; hidden people are offline with no last seen to others.
 */
describe('presence', () => {
  let t: TestApp;
  let address: string;
  let watcher: Person;

  beforeAll(async () => {
    t = await buildTestApp();
    address = await listen(t.app);
    watcher = await signedIn(t);
  });
  afterAll(async () => {
    await t.close();
  });

  const open = async (who: Person) => {
    const client = await connect(address, who, { resume: {} });
    await client.waitFor((f) => f.type === 'hello');
    return client;
  };
  const changes = (client: RealtimeTestClient, userId: string) =>
    client.frames
      .filter((f): f is EventFrame<'presence.changed', Presence> => f.type === 'presence.changed')
      .filter((f) => f.data.userId === userId)
      .map((f) => f.data);
  const nth = (client: RealtimeTestClient, userId: string, n: number) =>
    client.waitFor(() => changes(client, userId).length >= n).then(() => changes(client, userId)[n - 1]!);
  const lookup = async (ids: string[], who: Person = watcher) => {
    const res = await t.app.inject({
      method: 'GET',
      url: `/api/v1/presence?ids=${ids.join(',')}`,
      headers: who.session.headers,
    });
    return { status: res.statusCode, items: (res.json() as { items?: Presence[] }).items };
  };

  it('follows a person online, away and offline, with last seen, over the socket and HTTP', async () => {
    const person = await signedIn(t);
    const w = await open(watcher);
    w.send({ type: 'presence', watch: [person.id] });
    expect(await nth(w, person.id, 1)).toMatchObject({ state: 'offline' });

    const tab = await open(person);
    expect(await nth(w, person.id, 2)).toMatchObject({ state: 'online' });
    expect((await lookup([person.id])).items).toEqual([expect.objectContaining({ state: 'online' })]);
    expect(await t.app.presence.isOnline(person.id)).toBe(true);

    tab.send({ type: 'presence', state: 'away' });
    expect(await nth(w, person.id, 3)).toMatchObject({ state: 'away' });
    tab.ws.close();
    const gone = await nth(w, person.id, 4);
    expect(gone.state).toBe('offline');
    expect(gone.lastSeenAt).not.toBeNull();
    await expect.poll(async () => (await lookup([person.id])).items?.[0]?.lastSeenAt ?? null).not.toBeNull();
    expect((await lookup([person.id])).items?.[0]?.state).toBe('offline');
    w.ws.close();
  });

  it('shows a person who hides their presence as offline with no last seen', async () => {
    const shy = await signedIn(t);
    const w = await open(watcher);
    w.send({ type: 'presence', watch: [shy.id] });
    await nth(w, shy.id, 1);
    const tab = await open(shy);
    await nth(w, shy.id, 2);
    const res = await t.app.inject({
      method: 'PUT',
      url: '/api/v1/me/presence',
      headers: shy.session.headers,
      payload: { hidden: true },
    });
    expect(res.statusCode).toBe(200);
    expect(await nth(w, shy.id, 3)).toEqual({ userId: shy.id, state: 'offline', lastSeenAt: null });
    expect((await lookup([shy.id])).items).toEqual([{ userId: shy.id, state: 'offline', lastSeenAt: null }]);
    // A socket opened later is told the same.
    const late = await open(watcher);
    late.send({ type: 'presence', watch: [shy.id] });
    expect(await nth(late, shy.id, 1)).toEqual({ userId: shy.id, state: 'offline', lastSeenAt: null });
    tab.ws.close();
    w.ws.close();
    late.ws.close();
  });

  it('leaves out unknown people and refuses too many or malformed ids', async () => {
    const unknown = '01890000-0000-7000-8000-000000000000';
    expect(await lookup([unknown, watcher.id])).toMatchObject({
      status: 200,
      items: [{ userId: watcher.id }],
    });
    const many = Array.from(
      { length: 201 },
      (_, i) => `01890000-0000-7000-8000-${String(i).padStart(12, '0')}`,
    );
    expect((await lookup(many)).status).toBe(400);
    expect((await lookup(['nope'])).status).toBe(400);
    const anonymous = await t.app.inject({ method: 'GET', url: `/api/v1/presence?ids=${watcher.id}` });
    expect(anonymous.statusCode).toBe(401);
  });

  it('shows a guest only the people they share a group or chat with', async () => {
    const guest = await signedIn(t, 'guest');
    const stranger = await signedIn(t);
    expect((await lookup([stranger.id, guest.id], guest)).items?.map((p) => p.userId)).toEqual([guest.id]);
    const w = await open(guest);
    // Everyone watched is told at once: once the guest hears of themselves, the stranger is left out.
    w.send({ type: 'presence', watch: [stranger.id, guest.id] });
    await nth(w, guest.id, 1);
    expect(changes(w, stranger.id)).toEqual([]);
    w.ws.close();
  });
});

import { createECDH, randomBytes } from 'node:crypto';
import { v7 as uuidv7 } from 'uuid';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, type Person, signedIn } from '../../../../tests/support/people.js';
import { openSession } from '../../../../tests/support/session.js';
import { buildTestApp, systemCtx, type TestApp } from '../../../../tests/support/test-app.js';
import { hashSecret } from '../../platform/auth/session-token.js';
import { publicSessionId } from '../../platform/auth/sessions.js';
import { expireGuests } from '../guests/guests.jobs.js';
import { selectSubscriptionsOf } from './push.queries.js';

/**
 * A push subscription lives as long as the session that stored it (0008): signing out on that
 * browser, revoking the session, revoking every session and deactivating the person each delete
 * it in the same transaction; the sender's SQL skips people who may no longer receive.
 */
describe('push subscriptions and sessions', () => {
  let t: TestApp;
  const db = () => t.database.handle.db;

  beforeAll(async () => {
    t = await buildTestApp({ PUSH_ALLOW_LOOPBACK: 'true' });
  });
  afterAll(async () => {
    await t.close();
  });

  function keys() {
    const ecdh = createECDH('prime256v1');
    ecdh.generateKeys();
    return { p256dh: ecdh.getPublicKey('base64url'), auth: randomBytes(16).toString('base64url') };
  }

  /** Subscribes the browser of `who`'s session; returns the endpoint. */
  async function subscribe(who: Person): Promise<string> {
    const endpoint = `http://127.0.0.1:9/push/${uuidv7()}`;
    const res = await call(t, who, {
      method: 'POST',
      url: '/api/v1/push/subscriptions',
      payload: { endpoint, keys: keys() },
    });
    expect(res.statusCode).toBe(204);
    return endpoint;
  }

  /** The same person signed in on a second browser. */
  async function secondBrowser(who: Person): Promise<Person> {
    return { ...who, session: await openSession(db(), who.id) };
  }

  const sessionIdOf = (who: Person) =>
    hashSecret(who.session.cookie.slice(who.session.cookie.indexOf('=') + 1));

  /** The instants the sender judges sessions by: now, and now minus the idle timeout. */
  function at() {
    const now = Date.now();
    return {
      now: new Date(now).toISOString(),
      idleSince: new Date(now - t.config.sessionIdleMs).toISOString(),
    };
  }

  async function endpointsOf(userId: string): Promise<string[]> {
    const rows = await db()
      .selectFrom('push_subscriptions')
      .select('endpoint')
      .where('user_id', '=', userId)
      .orderBy('endpoint')
      .execute();
    return rows.map((r) => r.endpoint);
  }

  it('ties a subscription to the session it came with, and moves it when posted again', async () => {
    const phone = await signedIn(t);
    const endpoint = await subscribe(phone);
    const stored = await db()
      .selectFrom('push_subscriptions')
      .select('session_id')
      .where('endpoint', '=', endpoint)
      .executeTakeFirstOrThrow();
    expect(stored.session_id).toBe(sessionIdOf(phone));

    // Signed in anew on the same browser: posting it again ties it to the new session.
    const again = await secondBrowser(phone);
    const res = await call(t, again, {
      method: 'POST',
      url: '/api/v1/push/subscriptions',
      payload: { endpoint, keys: keys() },
    });
    expect(res.statusCode).toBe(204);
    const moved = await db()
      .selectFrom('push_subscriptions')
      .select('session_id')
      .where('endpoint', '=', endpoint)
      .executeTakeFirstOrThrow();
    expect(moved.session_id).toBe(sessionIdOf(again));
  });

  it('signing out deletes that browser’s subscription only', async () => {
    const laptop = await signedIn(t);
    const phone = await secondBrowser(laptop);
    const [onLaptop, onPhone] = [await subscribe(laptop), await subscribe(phone)];
    const res = await call(t, laptop, { method: 'POST', url: '/api/v1/auth/logout' });
    expect(res.statusCode).toBe(204);
    expect(await endpointsOf(laptop.id)).toEqual([onPhone]);
    expect(onLaptop).not.toBe(onPhone);
  });

  it('revoking one session deletes its subscription; the current browser keeps its own', async () => {
    const laptop = await signedIn(t);
    const phone = await secondBrowser(laptop);
    const [onLaptop] = [await subscribe(laptop), await subscribe(phone)];
    const res = await call(t, laptop, {
      method: 'DELETE',
      url: `/api/v1/me/sessions/${publicSessionId(sessionIdOf(phone))}`,
    });
    expect(res.statusCode).toBe(204);
    expect(await endpointsOf(laptop.id)).toEqual([onLaptop]);
  });

  it('an administrator ending every session deletes every subscription of the person', async () => {
    const admin = await signedIn(t, 'admin');
    const person = await signedIn(t);
    await subscribe(person);
    await subscribe(await secondBrowser(person));
    const bystander = await signedIn(t);
    const kept = await subscribe(bystander);
    const res = await call(t, admin, { method: 'DELETE', url: `/api/v1/users/${person.id}/sessions` });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ ended: 2 });
    expect(await endpointsOf(person.id)).toEqual([]);
    expect(await endpointsOf(bystander.id)).toEqual([kept]);
  });

  it('deactivation by an administrator deletes every subscription of the person', async () => {
    const admin = await signedIn(t, 'admin');
    const person = await signedIn(t);
    await subscribe(person);
    const res = await call(t, admin, { method: 'POST', url: `/api/v1/users/${person.id}/deactivate` });
    expect(res.statusCode).toBe(200);
    expect(await endpointsOf(person.id)).toEqual([]);
  });

  it('a guest’s expiry deletes their subscriptions; until the job runs the sender skips them', async () => {
    const guest = await signedIn(t, 'guest');
    const endpoint = await subscribe(guest);
    const ended = new Date(Date.now() - 60_000).toISOString();
    await db().updateTable('users').set({ access_expires_at: ended }).where('id', '=', guest.id).execute();
    expect(await selectSubscriptionsOf(db(), [guest.id], at())).toEqual([]);
    expect(await endpointsOf(guest.id)).toEqual([endpoint]);

    expect(await expireGuests(systemCtx(t))).toBeGreaterThanOrEqual(1);
    expect(await endpointsOf(guest.id)).toEqual([]);
  });

  it('the sender reads only subscriptions of active people (and guests within their access)', async () => {
    const [active, guest, gone] = [await signedIn(t), await signedIn(t, 'guest'), await signedIn(t)];
    const later = new Date(Date.now() + 86_400_000).toISOString();
    await db().updateTable('users').set({ access_expires_at: later }).where('id', '=', guest.id).execute();
    const endpoints = [await subscribe(active), await subscribe(guest), await subscribe(gone)];
    // Deactivated behind the lifecycle's back: the subscription is still there, the sender skips it.
    await db().updateTable('users').set({ status: 'deactivated' }).where('id', '=', gone.id).execute();
    const rows = await selectSubscriptionsOf(db(), [active.id, guest.id, gone.id], at());
    expect(rows.map((r) => r.endpoint).sort()).toEqual(endpoints.slice(0, 2).sort());
  });

  it('the sender skips subscriptions of sessions dead by time that no sweep has deleted yet', async () => {
    const person = await signedIn(t);
    const [idle, expired] = [await secondBrowser(person), await secondBrowser(person)];
    const live = await subscribe(person);
    const [onIdle, onExpired] = [await subscribe(idle), await subscribe(expired)];
    // Untouched for longer than the idle timeout; past the absolute end (while recently used).
    const idleSince = new Date(Date.now() - t.config.sessionIdleMs - 60_000).toISOString();
    await db()
      .updateTable('sessions')
      .set({ last_seen_at: idleSince })
      .where('id', '=', sessionIdOf(idle))
      .execute();
    await db()
      .updateTable('sessions')
      .set({ expires_at: new Date(Date.now() - 1000).toISOString() })
      .where('id', '=', sessionIdOf(expired))
      .execute();
    // Their rows and subscriptions are still there: nothing has swept them.
    expect(await endpointsOf(person.id)).toEqual([live, onIdle, onExpired].sort());

    const rows = await selectSubscriptionsOf(db(), [person.id], at());
    expect(rows.map((r) => r.endpoint)).toEqual([live]);
    // The session check agrees: both browsers are signed out, the live one is not.
    expect((await call(t, idle, { method: 'GET', url: '/api/v1/me' })).statusCode).toBe(401);
    expect((await call(t, expired, { method: 'GET', url: '/api/v1/me' })).statusCode).toBe(401);
    expect((await call(t, person, { method: 'GET', url: '/api/v1/me' })).statusCode).toBe(200);
  });

  it('a session swept as dead takes its subscription with it', async () => {
    const person = await signedIn(t);
    const stale = await secondBrowser(person);
    await subscribe(stale);
    await db()
      .updateTable('sessions')
      .set({ expires_at: new Date(Date.now() - 1000).toISOString() })
      .where('id', '=', sessionIdOf(stale))
      .execute();
    // The expired session is refused (and deleted) when its browser comes back.
    const res = await call(t, stale, { method: 'GET', url: '/api/v1/me' });
    expect(res.statusCode).toBe(401);
    expect(await endpointsOf(person.id)).toEqual([]);
  });
});

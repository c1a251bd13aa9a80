import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { goodPassword, login, sessionFrom, setupThroughApi } from '../../../../tests/support/auth-helpers.js';
import { injectAs, insertUser, openSession, type TestSession } from '../../../../tests/support/session.js';
import { buildTestApp, type TestApp } from '../../../../tests/support/test-app.js';
import { hashPassword } from '../../platform/auth/passwords.js';
import { hashSecret } from '../../platform/auth/session-token.js';

let t: TestApp;
let passwordHash: string;

beforeAll(async () => {
  t = await buildTestApp();
  await setupThroughApi(t);
  passwordHash = await hashPassword(goodPassword);
});
afterAll(async () => {
  await t.close();
});

const db = () => t.database.handle.db;

async function signedInPerson(): Promise<{ id: string; email: string; session: TestSession }> {
  const p = await insertUser(db(), { passwordHash });
  const res = await login(t, p.email, goodPassword);
  expect(res.statusCode).toBe(200);
  return { id: p.id, email: p.email, session: sessionFrom(res) };
}

const me = (cookie: string) => t.app.inject({ url: '/api/v1/me', headers: { cookie } });

function sessionIdOf(session: TestSession): string {
  return hashSecret(session.cookie.slice('sid='.length));
}

describe('GET /me', () => {
  it('401 for an anonymous caller and for a cookie that names no session', async () => {
    expect((await t.app.inject('/api/v1/me')).statusCode).toBe(401);
    const bogus = await me('sid=not-a-session');
    expect(bogus.statusCode).toBe(401);
    expect(bogus.cookies.find((c) => c.name === 'sid')?.value).toBe('');
  });

  it('returns the person and the CSRF token of this session', async () => {
    const p = await signedInPerson();
    const res = await me(p.session.cookie);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ user: { id: p.id, email: p.email }, csrfToken: p.session.csrfToken });
  });
});

describe('CSRF and cross-site requests (R14)', () => {
  it('refuses an unsafe cookie-authenticated request without the CSRF token, or with a wrong one', async () => {
    const p = await signedInPerson();
    const payload = { locale: 'ru' };
    const missing = await t.app.inject({
      method: 'PATCH',
      url: '/api/v1/me/locale',
      headers: { cookie: p.session.cookie },
      payload,
    });
    expect(missing.statusCode).toBe(403);
    expect(missing.json().code).toBe('CSRF_TOKEN_INVALID');
    const wrong = await t.app.inject({
      method: 'PATCH',
      url: '/api/v1/me/locale',
      headers: { cookie: p.session.cookie, 'x-csrf-token': `${p.session.csrfToken}x` },
      payload,
    });
    expect(wrong.statusCode).toBe(403);
    const other = await signedInPerson();
    const foreign = await t.app.inject({
      method: 'PATCH',
      url: '/api/v1/me/locale',
      headers: { cookie: p.session.cookie, 'x-csrf-token': other.session.csrfToken },
      payload,
    });
    expect(foreign.statusCode).toBe(403);
    const right = await injectAs(t.app, p.session, { method: 'PATCH', url: '/api/v1/me/locale', payload });
    expect(right.statusCode).toBe(200);
    expect(right.json().user.locale).toBe('ru');
  });

  it('refuses a request from another origin, even with a valid token', async () => {
    const p = await signedInPerson();
    const res = await injectAs(t.app, p.session, {
      method: 'POST',
      url: '/api/v1/auth/logout',
      headers: { origin: 'https://evil.example' },
    });
    expect(res.statusCode).toBe(403);
    expect(res.json().code).toBe('ORIGIN_NOT_ALLOWED');
    expect((await me(p.session.cookie)).statusCode).toBe(200);
    const forgedLogin = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      headers: { origin: 'null' },
      payload: { email: p.email, password: goodPassword },
    });
    expect(forgedLogin.statusCode).toBe(403);
    const sameOrigin = await injectAs(t.app, p.session, {
      method: 'POST',
      url: '/api/v1/auth/logout',
      headers: { origin: 'http://localhost:80' },
    });
    expect(sameOrigin.statusCode).toBe(204);
  });

  it('compares Origin with PUBLIC_URL when it is set', async () => {
    const other = await buildTestApp({ PUBLIC_URL: 'http://atrium.corp.test:8080' });
    try {
      const post = (origin: string) =>
        other.app.inject({
          method: 'POST',
          url: '/api/v1/auth/login',
          headers: { origin },
          payload: { email: 'x@corp.test', password: 'whatever' },
        });
      expect((await post('http://atrium.corp.test:8080')).statusCode).toBe(401);
      expect((await post('http://atrium.corp.test')).statusCode).toBe(403);
      expect((await post('https://evil.example')).statusCode).toBe(403);
    } finally {
      await other.close();
    }
  });

  it('accepts only JSON bodies on unsafe requests (a cross-site form post gets 415)', async () => {
    const form = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: 'email=a%40corp.test&password=x',
    });
    expect(form.statusCode).toBe(415);
    const text = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      headers: { 'content-type': 'text/plain' },
      payload: JSON.stringify({ email: 'a@corp.test', password: 'x' }),
    });
    expect(text.statusCode).toBe(415);
    expect(text.json().code).toBe('UNSUPPORTED_MEDIA_TYPE');
  });
});

describe('session lifetime (R12, R13)', () => {
  it('ends an idle session: the next request is anonymous and the cookie is cleared', async () => {
    const p = await signedInPerson();
    const idle = new Date(Date.now() - t.config.sessionIdleMs - 1000).toISOString();
    await db()
      .updateTable('sessions')
      .set({ last_seen_at: idle })
      .where('id', '=', sessionIdOf(p.session))
      .execute();
    const res = await me(p.session.cookie);
    expect(res.statusCode).toBe(401);
    expect(res.cookies.find((c) => c.name === 'sid')?.value).toBe('');
    const row = await db()
      .selectFrom('sessions')
      .select('id')
      .where('id', '=', sessionIdOf(p.session))
      .executeTakeFirst();
    expect(row).toBeUndefined();
  });

  it('ends a session at its absolute end, however active', async () => {
    const p = await signedInPerson();
    await db()
      .updateTable('sessions')
      .set({ expires_at: new Date(Date.now() - 1000).toISOString(), last_seen_at: new Date().toISOString() })
      .where('id', '=', sessionIdOf(p.session))
      .execute();
    expect((await me(p.session.cookie)).statusCode).toBe(401);
  });

  it('writes activity at most once a minute', async () => {
    const p = await signedInPerson();
    const id = sessionIdOf(p.session);
    const recent = new Date(Date.now() - 30_000).toISOString();
    await db().updateTable('sessions').set({ last_seen_at: recent }).where('id', '=', id).execute();
    await me(p.session.cookie);
    const after = await db()
      .selectFrom('sessions')
      .select('last_seen_at')
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    expect(after.last_seen_at).toBe(recent);
    const older = new Date(Date.now() - 5 * 60_000).toISOString();
    await db().updateTable('sessions').set({ last_seen_at: older }).where('id', '=', id).execute();
    await me(p.session.cookie);
    const touched = await db()
      .selectFrom('sessions')
      .select('last_seen_at')
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    expect(Date.parse(touched.last_seen_at)).toBeGreaterThan(Date.now() - 10_000);
  });

  it('refuses a deactivated person on the very next request', async () => {
    const p = await signedInPerson();
    expect((await me(p.session.cookie)).statusCode).toBe(200);
    await db().updateTable('users').set({ status: 'deactivated' }).where('id', '=', p.id).execute();
    expect((await me(p.session.cookie)).statusCode).toBe(401);
  });

  it('logout ends the session; replaying the old cookie gives 401', async () => {
    const p = await signedInPerson();
    const out = await injectAs(t.app, p.session, { method: 'POST', url: '/api/v1/auth/logout' });
    expect(out.statusCode).toBe(204);
    expect(out.cookies.find((c) => c.name === 'sid')?.value).toBe('');
    expect((await me(p.session.cookie)).statusCode).toBe(401);
    const actions = await db().selectFrom('ledger').select('action').where('subject_id', '=', p.id).execute();
    expect(actions.map((a) => a.action)).toContain('auth.logout');
    // Signing out without a session is harmless.
    expect((await t.app.inject({ method: 'POST', url: '/api/v1/auth/logout' })).statusCode).toBe(204);
  });
});

describe('GET /me/sessions and DELETE /me/sessions/{id}', () => {
  it('401 when anonymous', async () => {
    expect((await t.app.inject('/api/v1/me/sessions')).statusCode).toBe(401);
    expect((await t.app.inject({ method: 'DELETE', url: '/api/v1/me/sessions/abc' })).statusCode).toBe(401);
  });

  it('lists own sessions by opaque id with cursor pagination, the current one flagged', async () => {
    const p = await signedInPerson();
    for (let i = 0; i < 4; i += 1) await login(t, p.email, goodPassword);
    const first = await injectAs(t.app, p.session, { url: '/api/v1/me/sessions?limit=3' });
    expect(first.statusCode).toBe(200);
    const page1 = first.json();
    expect(page1.items).toHaveLength(3);
    expect(page1.nextCursor).toEqual(expect.any(String));
    const second = await injectAs(t.app, p.session, {
      url: `/api/v1/me/sessions?limit=3&cursor=${encodeURIComponent(page1.nextCursor)}`,
    });
    const page2 = second.json();
    expect(page2.items).toHaveLength(2);
    expect(page2.nextCursor).toBeNull();
    const all = [...page1.items, ...page2.items];
    expect(new Set(all.map((s: { id: string }) => s.id)).size).toBe(5);
    expect(all.filter((s: { current: boolean }) => s.current)).toHaveLength(1);
    const ids = await db().selectFrom('sessions').select('id').where('user_id', '=', p.id).execute();
    for (const s of all) expect(ids.map((r) => r.id)).not.toContain(s.id);
    const bad = await injectAs(t.app, p.session, { url: '/api/v1/me/sessions?cursor=%21%21' });
    expect(bad.statusCode).toBe(400);
  });

  it('ends another own session; ids of other people are 404; ending the current one signs out', async () => {
    const p = await signedInPerson();
    const other = sessionFrom(await login(t, p.email, goodPassword));
    const list = (await injectAs(t.app, p.session, { url: '/api/v1/me/sessions' })).json();
    const target = list.items.find((s: { current: boolean }) => !s.current);
    const current = list.items.find((s: { current: boolean }) => s.current);

    const stranger = await signedInPerson();
    const foreign = await injectAs(t.app, stranger.session, {
      method: 'DELETE',
      url: `/api/v1/me/sessions/${target.id}`,
    });
    expect(foreign.statusCode).toBe(404);
    expect((await me(other.cookie)).statusCode).toBe(200);

    const ended = await injectAs(t.app, p.session, {
      method: 'DELETE',
      url: `/api/v1/me/sessions/${target.id}`,
    });
    expect(ended.statusCode).toBe(204);
    expect((await me(other.cookie)).statusCode).toBe(401);
    expect((await me(p.session.cookie)).statusCode).toBe(200);

    const self = await injectAs(t.app, p.session, {
      method: 'DELETE',
      url: `/api/v1/me/sessions/${current.id}`,
    });
    expect(self.statusCode).toBe(204);
    expect(self.cookies.find((c) => c.name === 'sid')?.value).toBe('');
    expect((await me(p.session.cookie)).statusCode).toBe(401);
  });

  it('works with sessions opened directly by test helpers', async () => {
    const p = await insertUser(db(), {});
    const s = await openSession(db(), p.id);
    const res = await injectAs(t.app, s, { url: '/api/v1/me/sessions' });
    expect(res.json().items).toHaveLength(1);
  });
});

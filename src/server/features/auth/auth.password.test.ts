import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  goodPassword,
  login,
  sessionFrom,
  setupThroughApi,
  tokenFromMail,
} from '../../../../tests/support/auth-helpers.js';
import { injectAs, insertUser, type TestSession } from '../../../../tests/support/session.js';
import { buildTestApp, type TestApp } from '../../../../tests/support/test-app.js';
import { hashPassword } from '../../platform/auth/passwords.js';

let t: TestApp;
let admin: TestSession;
let passwordHash: string;

beforeAll(async () => {
  t = await buildTestApp();
  ({ session: admin } = await setupThroughApi(t));
  passwordHash = await hashPassword(goodPassword);
});
afterAll(async () => {
  await t.close();
});

const db = () => t.database.handle.db;
const me = (cookie: string) => t.app.inject({ url: '/api/v1/me', headers: { cookie } });

function forgot(email: string, headers: Record<string, string> = {}) {
  void t.app.rateLimiter.store.clear();
  return t.app.inject({ method: 'POST', url: '/api/v1/auth/password/forgot', payload: { email }, headers });
}

function reset(token: string, password: string) {
  return t.app.inject({ method: 'POST', url: '/api/v1/auth/password/reset', payload: { token, password } });
}

async function ledgerOf(userId: string): Promise<{ action: string; payload: string }[]> {
  return db()
    .selectFrom('ledger')
    .select(['action', 'payload'])
    .where('subject_id', '=', userId)
    .orderBy('seq')
    .execute();
}

describe('POST /auth/password/forgot', () => {
  it('answers known, unknown and deactivated addresses identically; only a known person gets mail', async () => {
    const known = await insertUser(db(), { passwordHash });
    const gone = await insertUser(db(), { passwordHash, status: 'deactivated' });
    const before = t.mail.length;
    const answers = [
      await forgot(known.email),
      await forgot('nobody.at.all@corp.test'),
      await forgot(gone.email),
    ];
    for (const res of answers) {
      expect(res.statusCode).toBe(202);
      expect(res.body).toBe(answers[0]!.body);
    }
    expect(t.mail.slice(before).map((m) => m.to)).toEqual([known.email]);
    expect((await ledgerOf(gone.id)).map((e) => e.action)).toContain('auth.blocked.deactivated');
    expect((await ledgerOf(known.id)).map((e) => e.action)).toContain('auth.password.reset.requested');
  });

  it('400 for something that is not an address; caps mail per address silently', async () => {
    expect((await forgot('not-an-address')).statusCode).toBe(400);
    const p = await insertUser(db(), { passwordHash });
    const before = t.mail.length;
    for (let i = 0; i < 5; i += 1) {
      const res = await t.app.inject({
        method: 'POST',
        url: '/api/v1/auth/password/forgot',
        payload: { email: p.email },
      });
      expect(res.statusCode).toBe(202);
    }
    expect(t.mail.slice(before).filter((m) => m.to === p.email)).toHaveLength(3);
  });
});

describe('POST /auth/password/reset', () => {
  it('resets end to end: the link works once, every session ends, the new password signs in', async () => {
    const p = await insertUser(db(), { passwordHash });
    const s1 = sessionFrom(await login(t, p.email, goodPassword));
    const s2 = sessionFrom(await login(t, p.email, goodPassword));
    await forgot(p.email);
    const mail = t.mail.at(-1)!;
    expect(mail.text).toContain('http://localhost:3000/reset-password?token=');
    const token = tokenFromMail(t, p.email, 'reset-password');
    const weak = await reset(token, 'Password1!');
    expect(weak.statusCode).toBe(400);
    expect(weak.json().errors[0].field).toBe('password');
    const newPassword = 'copper kettle sunrise 88';
    const ok = await reset(token, newPassword);
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toEqual({ status: 'password-reset' });
    expect((await me(s1.cookie)).statusCode).toBe(401);
    expect((await me(s2.cookie)).statusCode).toBe(401);
    expect((await reset(token, 'another passphrase 99')).statusCode).toBe(400);
    expect((await login(t, p.email, goodPassword)).statusCode).toBe(401);
    expect((await login(t, p.email, newPassword)).statusCode).toBe(200);
    const entries = await ledgerOf(p.id);
    const changed = entries.find((e) => e.action === 'auth.password.changed')!;
    expect(JSON.parse(changed.payload)).toMatchObject({ via: 'reset', sessionsEnded: 2 });
    // Neither the ledger nor the captured payloads carry passwords or tokens.
    const all = JSON.stringify(entries);
    expect(all).not.toContain(newPassword);
    expect(all).not.toContain(token);
  });

  it('refuses unknown and expired tokens, and a person deactivated in the meantime', async () => {
    expect((await reset('y'.repeat(43), goodPassword)).statusCode).toBe(400);
    const p = await insertUser(db(), { passwordHash });
    await forgot(p.email);
    const token = tokenFromMail(t, p.email, 'reset-password');
    await db().updateTable('users').set({ status: 'deactivated' }).where('id', '=', p.id).execute();
    expect((await reset(token, 'copper kettle sunrise 88')).statusCode).toBe(400);
    const q = await insertUser(db(), { passwordHash });
    await forgot(q.email);
    const stale = tokenFromMail(t, q.email, 'reset-password');
    await db()
      .updateTable('auth_tokens')
      .set({ expires_at: new Date(Date.now() - 1).toISOString() })
      .where('user_id', '=', q.id)
      .execute();
    expect((await reset(stale, 'copper kettle sunrise 88')).statusCode).toBe(400);
  });

  it('refuses a password from the history when the policy keeps one', async () => {
    const policy = (await injectAs(t.app, admin, { url: '/api/v1/admin/password-policy' })).json().policy;
    await injectAs(t.app, admin, {
      method: 'PUT',
      url: '/api/v1/admin/password-policy',
      payload: { ...policy, historyCount: 3 },
    });
    try {
      const p = await insertUser(db(), {});
      await forgot(p.email);
      expect(
        (await reset(tokenFromMail(t, p.email, 'reset-password'), 'first passphrase of mine')).statusCode,
      ).toBe(200);
      await forgot(p.email);
      const again = await reset(tokenFromMail(t, p.email, 'reset-password'), 'first passphrase of mine');
      expect(again.statusCode).toBe(400);
      expect(again.json().code).toBe('PASSWORD_REUSED');
    } finally {
      await injectAs(t.app, admin, { method: 'PUT', url: '/api/v1/admin/password-policy', payload: policy });
    }
  });
});

describe('POST /me/password', () => {
  const change = (session: TestSession, body: Record<string, unknown>) =>
    injectAs(t.app, session, { method: 'POST', url: '/api/v1/me/password', payload: body });

  it('401 anonymous, 403 without CSRF, 400 for a wrong current password or a weak new one', async () => {
    const anon = await t.app.inject({
      method: 'POST',
      url: '/api/v1/me/password',
      payload: { currentPassword: goodPassword, newPassword: 'copper kettle sunrise 88' },
    });
    expect(anon.statusCode).toBe(401);
    const p = await insertUser(db(), { passwordHash });
    const s = sessionFrom(await login(t, p.email, goodPassword));
    const noCsrf = await t.app.inject({
      method: 'POST',
      url: '/api/v1/me/password',
      headers: { cookie: s.cookie },
      payload: { currentPassword: goodPassword, newPassword: 'copper kettle sunrise 88' },
    });
    expect(noCsrf.statusCode).toBe(403);
    const wrong = await change(s, { currentPassword: 'not it', newPassword: 'copper kettle sunrise 88' });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json()).toMatchObject({
      code: 'CURRENT_PASSWORD_INCORRECT',
      errors: [{ field: 'currentPassword' }],
    });
    const weak = await change(s, { currentPassword: goodPassword, newPassword: 'qwertyuiop123456' });
    expect(weak.statusCode).toBe(400);
    expect(weak.json()).toMatchObject({ code: 'PASSWORD_BLOCKLISTED', errors: [{ field: 'newPassword' }] });
    const nameBased = await change(s, {
      currentPassword: goodPassword,
      newPassword: `${p.name} is my password`,
    });
    expect(nameBased.json().detail).toContain('your name');
  });

  it('changes the password, rotates this session, ends the others and tells the person', async () => {
    const p = await insertUser(db(), { passwordHash });
    const current = sessionFrom(await login(t, p.email, goodPassword));
    const other = sessionFrom(await login(t, p.email, goodPassword));
    const res = await change(current, {
      currentPassword: goodPassword,
      newPassword: 'copper kettle sunrise 88',
    });
    expect(res.statusCode).toBe(200);
    const rotated = sessionFrom(res);
    expect(rotated.cookie).not.toBe(current.cookie);
    expect((await me(current.cookie)).statusCode).toBe(401);
    expect((await me(other.cookie)).statusCode).toBe(401);
    expect((await me(rotated.cookie)).statusCode).toBe(200);
    expect(t.mail.at(-1)).toMatchObject({ to: p.email, subject: 'Your Atrium password was changed' });
    expect((await login(t, p.email, 'copper kettle sunrise 88')).statusCode).toBe(200);
  });

  it('keeps other sessions when asked to', async () => {
    const p = await insertUser(db(), { passwordHash });
    const current = sessionFrom(await login(t, p.email, goodPassword));
    const other = sessionFrom(await login(t, p.email, goodPassword));
    const res = await change(current, {
      currentPassword: goodPassword,
      newPassword: 'copper kettle sunrise 88',
      logoutOtherSessions: false,
    });
    expect(res.statusCode).toBe(200);
    expect((await me(other.cookie)).statusCode).toBe(200);
  });
});

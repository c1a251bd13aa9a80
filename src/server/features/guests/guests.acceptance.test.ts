import { beforeAll, describe, expect, it, vi } from 'vitest';
import { goodPassword, login, sessionFrom } from '../../../../tests/support/auth-helpers.js';
import { call, type Person, signedIn } from '../../../../tests/support/people.js';
import { insertUser } from '../../../../tests/support/session.js';
import type { TestApp } from '../../../../tests/support/test-app.js';
import {
  acceptedGuest,
  acceptInvitation,
  createGroup,
  invitationsAppPerFile,
  invitationToken,
  inviteGuest,
  ledgerOf,
  partnerEmail,
  previewInvitation,
  revokeInvitation,
  userByEmail,
} from './guests.fixtures.js';

/**
 * Accepting a guest invitation (G4, X1, R04): the anonymous invitation page, acceptance and the
 * account it creates, and the other ways in (sign-up, password reset) that never make a guest.
 */

let t: TestApp;
let admin: Person;
const day = 86_400_000;

invitationsAppPerFile((app) => ({ t, admin } = app));

const db = () => t.database.handle.db;

describe('the invitation page and its acceptance', () => {
  let owner: Person;
  let group: { id: string };
  beforeAll(async () => {
    owner = await signedIn(t, 'employee', { name: 'Olga Owner' });
    group = await createGroup(t, owner, 'Joint venture');
  });

  it('shows the company, inviter, groups, address and dates; unknown tokens are 404', async () => {
    const email = partnerEmail();
    const res = await inviteGuest(t, owner, group.id, { email });
    const token = invitationToken(t, email);
    const page = await previewInvitation(t, token);
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
      const r = await previewInvitation(t, bad);
      expect(r.statusCode).toBe(404);
      expect(r.json().code).toBe('GUEST_INVITATION_NOT_FOUND');
    }
  });

  it('creates an active, verified guest with the policy-checked password, signs them in, once', async () => {
    const email = partnerEmail();
    const res = await inviteGuest(t, owner, group.id, { email });
    const token = invitationToken(t, email);

    // The company's password policy applies; a refused password leaves the link usable.
    const short = await acceptInvitation(t, token, 'short');
    expect(short.statusCode).toBe(400);
    expect(short.json().code).toBe('PASSWORD_TOO_SHORT');
    const company = await acceptInvitation(t, token, 'northwind trading 2024 password');
    expect(company.statusCode).toBe(400);
    expect(company.json().code).toBe('PASSWORD_BLOCKLISTED');
    expect((await acceptInvitation(t, token, goodPassword, '   ')).statusCode).toBe(400);

    const ok = await acceptInvitation(t, token);
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

    const user = (await userByEmail(t, email))!;
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
    const actions = (await ledgerOf(t, user.id)).map((e) => e.action);
    expect(actions).toEqual(
      expect.arrayContaining(['user.created', 'guest.accepted', 'auth.login.succeeded']),
    );

    // Single use.
    const again = await acceptInvitation(t, token, goodPassword, 'Someone Else');
    expect(again.statusCode).toBe(410);
    expect(again.json().code).toBe('GUEST_INVITATION_USED');
    expect((await previewInvitation(t, token)).json().code).toBe('GUEST_INVITATION_USED');
  });

  it('refuses withdrawn and run-out links (410) with a clear code', async () => {
    const email = partnerEmail();
    const res = await inviteGuest(t, owner, group.id, { email });
    const token = invitationToken(t, email);
    expect((await revokeInvitation(t, owner, res.json().invitation.id)).statusCode).toBe(204);
    for (const r of [await previewInvitation(t, token), await acceptInvitation(t, token)]) {
      expect(r.statusCode).toBe(410);
      expect(r.json().code).toBe('GUEST_INVITATION_REVOKED');
    }

    const late = partnerEmail();
    await inviteGuest(t, owner, group.id, { email: late });
    const lateToken = invitationToken(t, late);
    vi.useFakeTimers({ toFake: ['Date'], now: Date.now() + 14 * day - 5_000 });
    expect((await previewInvitation(t, lateToken)).statusCode).toBe(200);
    vi.setSystemTime(Date.now() + 10_000);
    for (const r of [await previewInvitation(t, lateToken), await acceptInvitation(t, lateToken)]) {
      expect(r.statusCode).toBe(410);
      expect(r.json().code).toBe('GUEST_INVITATION_EXPIRED');
    }
    expect(await userByEmail(t, late)).toBeUndefined();
  });

  it('accepts every pending invitation to the address at once, with the latest access end', async () => {
    const other = await createGroup(t, owner, 'Second project');
    const email = partnerEmail();
    const nearAt = new Date(Date.now() + 10 * day).toISOString();
    const farAt = new Date(Date.now() + 100 * day).toISOString();
    await inviteGuest(t, owner, group.id, { email, expiresAt: nearAt });
    const firstToken = invitationToken(t, email);
    const second = await inviteGuest(t, owner, other.id, { email, expiresAt: farAt });
    expect((await previewInvitation(t, firstToken)).json()).toMatchObject({
      groupNames: expect.arrayContaining(['Joint venture', 'Second project']),
      accessExpiresAt: farAt,
    });
    const ok = await acceptInvitation(t, firstToken);
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
    expect((await acceptInvitation(t, invitationToken(t, email))).json().code).toBe('GUEST_INVITATION_USED');
  });

  it('refuses when the address has an account by now, or the groups are gone', async () => {
    const email = partnerEmail();
    await inviteGuest(t, owner, group.id, { email });
    const token = invitationToken(t, email);
    await insertUser(db(), { email });
    const taken = await acceptInvitation(t, token);
    expect(taken.statusCode).toBe(409);
    expect(taken.json().code).toBe('GUEST_ACCOUNT_EXISTS');

    const doomed = await createGroup(t, owner, 'Doomed');
    const lost = partnerEmail();
    await inviteGuest(t, owner, doomed.id, { email: lost });
    const lostToken = invitationToken(t, lost);
    expect((await call(t, owner, { method: 'DELETE', url: `/api/v1/groups/${doomed.id}` })).statusCode).toBe(
      204,
    );
    const gone = await previewInvitation(t, lostToken);
    expect(gone.statusCode).toBe(410);
    expect(gone.json().code).toBe('GUEST_INVITATION_GROUPS_GONE');
    expect((await acceptInvitation(t, lostToken)).json().code).toBe('GUEST_INVITATION_GROUPS_GONE');
    expect(await userByEmail(t, lost)).toBeUndefined();
  });

  it('refuses an address whose domain the company took since the invitation', async () => {
    const email = 'someone@newly-acquired.example';
    await inviteGuest(t, owner, group.id, { email });
    const token = invitationToken(t, email);
    const put = await call(t, admin, {
      method: 'PUT',
      url: '/api/v1/admin/allowed-domains',
      payload: { domains: ['corp.test', 'newly-acquired.example'] },
    });
    expect(put.statusCode, put.body).toBe(200);
    try {
      const res = await acceptInvitation(t, token);
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
    const email = partnerEmail();
    await inviteGuest(t, owner, group.id, { email });
    const someone = await signedIn(t, 'employee');
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/guest-invitations/accept',
      payload: { token: invitationToken(t, email), name: 'Pat Partner', password: goodPassword },
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
    const group = await createGroup(t, owner, 'Sign-up checks');
    const guest = await acceptedGuest(t, owner, group.id);
    const before = (await userByEmail(t, guest.email))!;
    const mailCount = t.mail.length;
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/register',
      payload: { email: guest.email, name: 'Impostor', password: 'another long passphrase 9' },
    });
    expect(res.statusCode).toBe(202);
    const after = (await userByEmail(t, guest.email))!;
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
    expect((await userByEmail(t, entry.email))!.password_hash).toBeNull();

    // An invited address that is not on the company's domains cannot sign up either.
    const invited = partnerEmail();
    await inviteGuest(t, owner, group.id, { email: invited });
    const signUp = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/register',
      payload: { email: invited, name: 'Pat', password: goodPassword },
    });
    expect(signUp.statusCode).toBe(403);
    expect(await userByEmail(t, invited)).toBeUndefined();
  });
});

describe('password storage of accepted guests', () => {
  it('keeps the chosen password in the history, as every password change does', async () => {
    const owner = await signedIn(t, 'employee');
    const group = await createGroup(t, owner, 'History');
    const guest = await acceptedGuest(t, owner, group.id);
    const history = await db()
      .selectFrom('password_history')
      .selectAll()
      .where('user_id', '=', guest.id)
      .execute();
    expect(history).toHaveLength(1);
    expect(history[0]!.password_hash).toBe((await userByEmail(t, guest.email))!.password_hash);
  });
});

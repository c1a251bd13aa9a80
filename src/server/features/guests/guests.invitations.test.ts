import { createHash } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { call, type Person, signedIn } from '../../../../tests/support/people.js';
import { insertUser } from '../../../../tests/support/session.js';
import type { TestApp } from '../../../../tests/support/test-app.js';
import {
  acceptedGuest,
  addGroupMember,
  createGroup,
  invitationsAppPerFile,
  invitationToken,
  inviteGuest,
  ledgerOf,
  partnerEmail,
  revokeInvitation,
} from './guests.fixtures.js';

/**
 * Guest invitations (G4, X1, R04): who may invite, which addresses, the dates and the e-mail, and
 * listing and withdrawing a group's invitations.
 */

let t: TestApp;
let admin: Person;
const day = 86_400_000;
const missing = '01900000-0000-7000-8000-00000000abcd';

invitationsAppPerFile((app) => ({ t, admin } = app));

const db = () => t.database.handle.db;

describe('who may invite a guest', () => {
  it('group admins and moderators and platform admins; not members, outsiders or guests', async () => {
    const owner = await signedIn(t, 'employee');
    const moderator = await signedIn(t, 'employee');
    const member = await signedIn(t, 'employee');
    const outsider = await signedIn(t, 'employee');
    const platformModerator = await signedIn(t, 'moderator');
    const guest = await signedIn(t, 'guest');
    const group = await createGroup(t, owner, 'Partners desk', 'open');
    await addGroupMember(t, group.id, moderator.id, 'moderator');
    await addGroupMember(t, group.id, member.id);
    await addGroupMember(t, group.id, guest.id);

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
      const res = await inviteGuest(t, who, group.id, { email: partnerEmail() });
      expect(res.statusCode, res.body).toBe(201);
      expect(res.json().outcome).toBe('invited');
    }
    for (const who of [member, outsider, platformModerator, guest]) {
      const res = await inviteGuest(t, who, group.id, { email: partnerEmail() });
      expect(res.statusCode, res.body).toBe(403);
    }
    expect((await inviteGuest(t, null, group.id, { email: partnerEmail() })).statusCode).toBe(401);
    expect((await inviteGuest(t, owner, missing, { email: partnerEmail() })).statusCode).toBe(404);

    // A secret group exists only for its members, platform admins included.
    const secret = await createGroup(t, owner, 'Secret deal', 'secret');
    const hidden = await inviteGuest(t, admin, secret.id, { email: partnerEmail() });
    expect(hidden.statusCode).toBe(404);
    expect(hidden.json().code).toBe('GROUP_NOT_FOUND');
    expect((await inviteGuest(t, owner, secret.id, { email: partnerEmail() })).statusCode).toBe(201);
  });
});

describe('inviting', () => {
  let owner: Person;
  let group: { id: string };
  beforeAll(async () => {
    owner = await signedIn(t, 'employee', { name: 'Olga Owner' });
    group = await createGroup(t, owner, 'Supplier portal');
  });

  it('e-mails a single link whose token only the mail holds; the invitation has its dates', async () => {
    const email = partnerEmail();
    const before = Date.now();
    const res = await inviteGuest(t, owner, group.id, { email: `  ${email.toUpperCase()} ` });
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
    const token = invitationToken(t, email);
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
    const [entry] = await ledgerOf(t, invitation.id);
    expect(entry).toMatchObject({
      action: 'guest.invited',
      payload: { email, groupId: group.id, outcome: 'invited' },
    });
  });

  it('writes the mail in Russian for a Russian-speaking inviter', async () => {
    const ru = await call(t, owner, {
      method: 'POST',
      url: `/api/v1/groups/${group.id}/guests`,
      payload: { email: partnerEmail() },
      headers: { 'accept-language': 'ru' },
    });
    expect(ru.statusCode).toBe(201);
    expect(t.mail.at(-1)!.text).toContain('приглашает вас гостем');
  });

  it('bounds the access end: in the future, at most 365 days away; the link never outlives it', async () => {
    const past = await inviteGuest(t, owner, group.id, {
      email: partnerEmail(),
      expiresAt: new Date(Date.now() - 1000).toISOString(),
    });
    expect(past.statusCode).toBe(400);
    expect(past.json().code).toBe('GUEST_EXPIRY_PAST');
    expect(past.json().errors[0].field).toBe('expiresAt');
    const tooFar = await inviteGuest(t, owner, group.id, {
      email: partnerEmail(),
      expiresAt: new Date(Date.now() + 366 * day).toISOString(),
    });
    expect(tooFar.statusCode).toBe(400);
    expect(tooFar.json().code).toBe('GUEST_EXPIRY_TOO_FAR');
    expect(tooFar.json().detail ?? tooFar.json().title).toBeTruthy();
    const bad = await inviteGuest(t, owner, group.id, { email: partnerEmail(), expiresAt: 'next tuesday' });
    expect(bad.statusCode).toBe(400);

    const yearAt = new Date(Date.now() + 365 * day - 60_000).toISOString();
    const year = await inviteGuest(t, owner, group.id, { email: partnerEmail(), expiresAt: yearAt });
    expect(year.statusCode).toBe(201);
    expect(year.json().invitation.accessExpiresAt).toBe(yearAt);

    const soonAt = new Date(Date.now() + 2 * day).toISOString();
    const soon = await inviteGuest(t, owner, group.id, { email: partnerEmail(), expiresAt: soonAt });
    expect(soon.statusCode).toBe(201);
    expect(soon.json().invitation.linkExpiresAt).toBe(soonAt);
  });

  it('refuses what is not an e-mail address', async () => {
    for (const email of ['not-an-address', 'a@b', 'two@@partner.example', '']) {
      const res = await inviteGuest(t, owner, group.id, { email });
      expect(res.statusCode, email).toBe(400);
    }
    const res = await inviteGuest(t, owner, group.id, { email: 'nobody' });
    expect(res.json().code).toBe('EMAIL_INVALID');
  });

  it("refuses the company's people and its domains (409): they are members, not guests", async () => {
    const colleague = await signedIn(t, 'employee', { email: 'ivan.colleague@corp.test' });
    const formerOutside = await insertUser(db(), { email: 'left@elsewhere.example', status: 'deactivated' });
    for (const email of [colleague.email, colleague.email.toUpperCase(), formerOutside.email]) {
      const res = await inviteGuest(t, owner, group.id, { email });
      expect(res.statusCode, email).toBe(409);
      expect(res.json().code).toBe('GUEST_EMAIL_EMPLOYEE');
    }
    for (const email of ['newcomer@corp.test', 'NEWCOMER@CORP.TEST', 'x@ＣＯＲＰ.test']) {
      const res = await inviteGuest(t, owner, group.id, { email });
      expect(res.statusCode, email).toBe(409);
      expect(res.json().code).toBe('GUEST_EMAIL_COMPANY_DOMAIN');
      expect(res.json().detail).toContain('corp.test');
    }
  });

  it('refuses a second pending invitation of one address into one group; another group is fine', async () => {
    const email = partnerEmail();
    expect((await inviteGuest(t, owner, group.id, { email })).statusCode).toBe(201);
    const again = await inviteGuest(t, owner, group.id, { email });
    expect(again.statusCode).toBe(409);
    expect(again.json().code).toBe('GUEST_ALREADY_INVITED');
    const other = await createGroup(t, owner, 'Logistics');
    expect((await inviteGuest(t, owner, other.id, { email })).statusCode).toBe(201);
  });

  it('limits invitations per inviter (429), not per group', async () => {
    const busy = await signedIn(t, 'employee');
    const a = await createGroup(t, busy, 'Busy A');
    const b = await createGroup(t, busy, 'Busy B');
    for (let i = 0; i < 30; i++) {
      const res = await inviteGuest(t, busy, i % 2 ? a.id : b.id, { email: partnerEmail() });
      expect(res.statusCode, res.body).toBe(201);
    }
    const over = await inviteGuest(t, busy, a.id, { email: partnerEmail() });
    expect(over.statusCode).toBe(429);
    expect(over.headers['retry-after']).toBeTruthy();
    // Someone else still invites.
    expect((await inviteGuest(t, owner, group.id, { email: partnerEmail() })).statusCode).toBe(201);
  });
});

describe('listing and withdrawing invitations', () => {
  it("lists the group's pending invitations and guests by e-mail, page by page, for inviters only", async () => {
    const owner = await signedIn(t, 'employee');
    const member = await signedIn(t, 'employee');
    const otherModerator = await signedIn(t, 'employee');
    const group = await createGroup(t, owner, 'Listed');
    const elsewhere = await createGroup(t, otherModerator, 'Elsewhere listed');
    await addGroupMember(t, group.id, member.id);
    const guest = await acceptedGuest(t, owner, group.id);
    const pendingEmails = [partnerEmail(), partnerEmail(), partnerEmail()];
    for (const email of pendingEmails) await inviteGuest(t, owner, group.id, { email });
    const revoked = await inviteGuest(t, owner, group.id, { email: partnerEmail() });
    await revokeInvitation(t, owner, revoked.json().invitation.id);
    // An invitation into another group is not listed here.
    await inviteGuest(t, otherModerator, elsewhere.id, { email: partnerEmail() });

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
    expect((await call(t, guest, { url: `/api/v1/groups/${group.id}/guests` })).statusCode).toBe(403);
    expect((await call(t, owner, { url: `/api/v1/groups/${missing}/guests` })).statusCode).toBe(404);
    expect((await call(t, owner, { url: `/api/v1/groups/${group.id}/guests?cursor=junk` })).statusCode).toBe(
      400,
    );
  });

  it('withdraws for inviters of its groups; to everyone else it does not exist', async () => {
    const owner = await signedIn(t, 'employee');
    const member = await signedIn(t, 'employee');
    const stranger = await signedIn(t, 'employee');
    const group = await createGroup(t, owner, 'Withdrawals');
    await addGroupMember(t, group.id, member.id);
    const res = await inviteGuest(t, owner, group.id, { email: partnerEmail() });
    const id = res.json().invitation.id;
    for (const who of [member, stranger]) {
      const r = await revokeInvitation(t, who, id);
      expect(r.statusCode).toBe(404);
      expect(r.json().code).toBe('GUEST_INVITATION_NOT_FOUND');
    }
    expect((await revokeInvitation(t, owner, missing)).statusCode).toBe(404);
    expect((await revokeInvitation(t, admin, id)).statusCode).toBe(204);
    expect((await revokeInvitation(t, owner, id)).statusCode).toBe(204);
    const entries = (await ledgerOf(t, id)).map((e) => e.action);
    expect(entries).toEqual(['guest.invited', 'guest.invitation_revoked']);

    const guest = await acceptedGuest(t, owner, group.id);
    const accepted = await db()
      .selectFrom('guest_invitations')
      .select('id')
      .where('email', '=', guest.email)
      .executeTakeFirstOrThrow();
    const r = await revokeInvitation(t, owner, accepted.id);
    expect(r.statusCode).toBe(409);
    expect(r.json().code).toBe('GUEST_INVITATION_ACCEPTED');
  });
});

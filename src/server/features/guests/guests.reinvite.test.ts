import { describe, expect, it } from 'vitest';
import { call, type Person, signedIn } from '../../../../tests/support/people.js';
import type { TestApp } from '../../../../tests/support/test-app.js';
import {
  acceptedGuest,
  createGroup,
  invitationsAppPerFile,
  inviteGuest,
  ledgerOf,
  userByEmail,
} from './guests.fixtures.js';

/**
 * Inviting someone who already is a guest (R04): added at once, with their access extended and
 * never shortened; a guest an administrator deactivated stays deactivated.
 */

let t: TestApp;
let admin: Person;
const day = 86_400_000;

invitationsAppPerFile((app) => ({ t, admin } = app));

const db = () => t.database.handle.db;

describe('inviting someone who is already a guest', () => {
  it('adds an active guest at once, extending (never shortening) their access, and tells them', async () => {
    const owner = await signedIn(t, 'employee', { name: 'Olga Owner' });
    const first = await createGroup(t, owner, 'First room');
    const second = await createGroup(t, owner, 'Second room');
    const third = await createGroup(t, owner, 'Third room');
    const startAt = new Date(Date.now() + 30 * day).toISOString();
    const guest = await acceptedGuest(t, owner, first.id, { expiresAt: startAt });

    const laterAt = new Date(Date.now() + 60 * day).toISOString();
    const added = await inviteGuest(t, owner, second.id, {
      email: guest.email.toUpperCase(),
      expiresAt: laterAt,
    });
    expect(added.statusCode, added.body).toBe(200);
    expect(added.json()).toMatchObject({
      outcome: 'added',
      guest: { id: guest.id, email: guest.email, accessExpiresAt: laterAt, expired: false, isGuest: true },
    });
    const mail = t.mail.at(-1)!;
    expect(mail.to).toBe(guest.email);
    expect(mail.subject).toContain('Second room');
    expect(mail.text).not.toContain('token=');
    expect((await userByEmail(t, guest.email))!.access_expires_at).toBe(laterAt);

    const earlierAt = new Date(Date.now() + 5 * day).toISOString();
    const kept = await inviteGuest(t, owner, third.id, { email: guest.email, expiresAt: earlierAt });
    expect(kept.statusCode).toBe(200);
    expect(kept.json().guest.accessExpiresAt).toBe(laterAt);

    // Already a member with nothing to extend: 409; a later date extends.
    const same = await inviteGuest(t, owner, second.id, { email: guest.email, expiresAt: earlierAt });
    expect(same.statusCode).toBe(409);
    expect(same.json().code).toBe('ALREADY_MEMBER');
    const furtherAt = new Date(Date.now() + 80 * day).toISOString();
    expect(
      (await inviteGuest(t, owner, second.id, { email: guest.email, expiresAt: furtherAt })).statusCode,
    ).toBe(200);

    const mine = await t.app.inject({ url: '/api/v1/groups?mine=true', headers: guest.session.headers });
    expect(mine.json().items).toHaveLength(3);
    const entries = await ledgerOf(t, guest.id);
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
    const group = await createGroup(t, owner, 'Deactivation room');
    const guest = await acceptedGuest(t, owner, group.id);
    expect(
      (await call(t, admin, { method: 'POST', url: `/api/v1/users/${guest.id}/deactivate` })).statusCode,
    ).toBe(200);
    const other = await createGroup(t, owner, 'Elsewhere');
    const res = await inviteGuest(t, owner, other.id, { email: guest.email });
    expect(res.statusCode).toBe(409);
    expect(res.json().code).toBe('GUEST_DEACTIVATED');
    expect((await userByEmail(t, guest.email))!.status).toBe('deactivated');
  });
});

import { goodPassword, sessionFrom } from '../../../../tests/support/auth-helpers.js';
import { call, type Person } from '../../../../tests/support/people.js';
import type { TestApp } from '../../../../tests/support/test-app.js';

/**
 * Test helpers of the guests slice: inviting through the API, reading the link from the
 * captured e-mail, accepting it. Not used by the server.
 */

let counter = 0;

/** A fresh address outside the company's domains. */
export function partnerEmail(): string {
  counter += 1;
  return `partner${counter}.${Date.now().toString(36)}@partner.example`;
}

export async function createGroup(
  t: TestApp,
  owner: Person,
  name: string,
  visibility: 'open' | 'closed' | 'secret' = 'closed',
  extra: Record<string, unknown> = {},
): Promise<{ id: string; handle: string }> {
  const res = await call(t, owner, {
    method: 'POST',
    url: '/api/v1/groups',
    payload: { name, visibility, ...extra },
  });
  if (res.statusCode !== 201) throw new Error(`create group: ${res.statusCode} ${res.body}`);
  return res.json();
}

export function inviteGuest(
  t: TestApp,
  who: Person | null,
  groupId: string,
  payload: Record<string, unknown>,
) {
  return call(t, who, { method: 'POST', url: `/api/v1/groups/${groupId}/guests`, payload });
}

export function acceptInvitation(t: TestApp, token: string, password = goodPassword, name = 'Pat Partner') {
  return t.app.inject({
    method: 'POST',
    url: '/api/v1/guest-invitations/accept',
    payload: { token, name, password },
  });
}

/** The token of the newest invitation e-mail to `to`. */
export function invitationToken(t: TestApp, to: string): string {
  const mail = [...t.mail].reverse().find((m) => m.to === to && m.text.includes('/guest/accept?token='));
  if (!mail) throw new Error(`no invitation mail to ${to}`);
  const match = /\/guest\/accept\?token=([A-Za-z0-9_%-]+)/.exec(mail.text);
  if (!match?.[1]) throw new Error('no token in mail');
  return decodeURIComponent(match[1]);
}

/** Invites a new address into `groupId` and accepts: the guest as a signed-in Person. */
export async function acceptedGuest(
  t: TestApp,
  inviter: Person,
  groupId: string,
  options: { expiresAt?: string; name?: string } = {},
): Promise<Person> {
  const email = partnerEmail();
  const res = await inviteGuest(t, inviter, groupId, {
    email,
    ...(options.expiresAt ? { expiresAt: options.expiresAt } : {}),
  });
  if (res.statusCode !== 201) throw new Error(`invite: ${res.statusCode} ${res.body}`);
  const name = options.name ?? 'Pat Partner';
  const accepted = await acceptInvitation(t, invitationToken(t, email), goodPassword, name);
  if (accepted.statusCode !== 201) throw new Error(`accept: ${accepted.statusCode} ${accepted.body}`);
  return { id: accepted.json().user.id, email, name, role: 'guest', session: sessionFrom(accepted) };
}

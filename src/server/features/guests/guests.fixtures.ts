import { afterAll, afterEach, beforeAll, vi } from 'vitest';
import { goodPassword, sessionFrom, setupThroughApi } from '../../../../tests/support/auth-helpers.js';
import { call, type Person } from '../../../../tests/support/people.js';
import { buildTestApp, type TestApp } from '../../../../tests/support/test-app.js';

/**
 * Test helpers of the guests slice: inviting through the API, reading the link from the
 * captured e-mail, accepting it. Not used by the server.
 */

/**
 * An app set up through the API as "Northwind Trading" on `corp.test`, with a public URL for
 * the links in invitation e-mails, and its founding admin. Call `t.close()` in afterAll.
 */
export async function invitationsApp(): Promise<{ t: TestApp; admin: Person }> {
  const t = await buildTestApp({ PUBLIC_URL: 'http://atrium.corp.test' });
  const setup = await setupThroughApi(t, { companyName: 'Northwind Trading', allowedDomains: ['corp.test'] });
  const admin: Person = {
    id: setup.userId,
    email: setup.email,
    name: 'Founding Admin',
    role: 'admin',
    session: setup.session,
  };
  return { t, admin };
}

/**
 * The invitations app of a whole test file: built before its tests (handed to `receive`), closed
 * after them; after each test the clock is real again and the rate limits are forgotten.
 */
export function invitationsAppPerFile(receive: (app: { t: TestApp; admin: Person }) => void): void {
  let app: TestApp | undefined;
  beforeAll(async () => {
    const made = await invitationsApp();
    app = made.t;
    receive(made);
  });
  afterAll(async () => {
    await app?.close();
  });
  afterEach(() => {
    vi.useRealTimers();
    app?.app.rateLimiter.store.clear();
  });
}

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

/** Adds a member directly, without the group's rules (for setting up a test, not testing them). */
export async function addGroupMember(
  t: TestApp,
  groupId: string,
  userId: string,
  role: 'admin' | 'moderator' | 'member' = 'member',
): Promise<void> {
  await t.database.handle.db
    .insertInto('group_members')
    .values({ group_id: groupId, user_id: userId, role, created_at: new Date().toISOString() })
    .execute();
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

/** The anonymous invitation page's data for a token. */
export function previewInvitation(t: TestApp, token: string) {
  return t.app.inject({ url: `/api/v1/guest-invitations/by-token/${encodeURIComponent(token)}` });
}

export function revokeInvitation(t: TestApp, who: Person | null, id: string) {
  return call(t, who, { method: 'DELETE', url: `/api/v1/guest-invitations/${id}` });
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

/** The ledger entries about `subjectId`, oldest first, with their payloads parsed. */
export async function ledgerOf(
  t: TestApp,
  subjectId: string,
): Promise<{ action: string; payload: Record<string, unknown> }[]> {
  const rows = await t.database.handle.db
    .selectFrom('ledger')
    .select(['action', 'payload'])
    .where('subject_id', '=', subjectId)
    .orderBy('seq')
    .execute();
  return rows.map((r) => ({ action: r.action, payload: JSON.parse(r.payload) }));
}

export function userByEmail(t: TestApp, email: string) {
  return t.database.handle.db.selectFrom('users').selectAll().where('email', '=', email).executeTakeFirst();
}

import { createHash } from 'node:crypto';
import type { FastifyReply } from 'fastify';
import type { Config } from '../config.js';
import type { Executor, Tx } from '../db/database.js';
import { appendStreamEvent, streams } from '../events/streams.js';
import { hashSecret, newSecret, sessionCookieName } from './session-token.js';
import {
  deleteDeadSessionsOfUser,
  deleteSession,
  deleteSessionsOfUser,
  findSessionWithUser,
  insertSession,
  listSessionIdsOfUser,
  listSessionsOfUser,
  type SessionWithUser,
} from './sessions.queries.js';

/**
 * Server-side sessions (R12, R13): the browser holds a 256-bit random secret in an HttpOnly
 * cookie; the database holds only its SHA-256 as the session id, the CSRF token, and the times
 * that bound its life (idle and absolute timeouts from the configuration).
 */

/** A session just opened: the cookie value to send and the CSRF token to hand to the page. */
export interface OpenedSession {
  /** sessions.id: the hash of `secret`. */
  id: string;
  secret: string;
  csrfToken: string;
}

/**
 * Opens a new session for a person. Every sign-in calls this, so the id is always fresh: a
 * cookie planted before sign-in (session fixation) is never promoted to a signed-in session.
 * Dead sessions of the same person are swept on the way.
 */
export async function openSession(
  db: Executor,
  config: Config,
  userId: string,
  meta: { ip: string | null; userAgent: string | null },
): Promise<OpenedSession> {
  const secret = newSecret();
  const csrfToken = newSecret();
  const now = Date.now();
  const id = hashSecret(secret);
  await deleteDeadSessionsOfUser(
    db,
    userId,
    new Date(now).toISOString(),
    new Date(now - config.sessionIdleMs).toISOString(),
  );
  await insertSession(db, {
    id,
    user_id: userId,
    csrf_token: csrfToken,
    created_at: new Date(now).toISOString(),
    last_seen_at: new Date(now).toISOString(),
    expires_at: new Date(now + config.sessionAbsoluteMs).toISOString(),
    ip: meta.ip,
    user_agent: meta.userAgent?.slice(0, 512) ?? null,
  });
  return { id, secret, csrfToken };
}

function cookieOptions(config: Config) {
  return {
    httpOnly: true,
    sameSite: 'lax' as const,
    path: '/',
    secure: config.secureCookies,
  };
}

/** Sends the session cookie: HttpOnly, SameSite=Lax, Path=/, Secure behind https, no Domain. */
export function setSessionCookie(reply: FastifyReply, config: Config, secret: string): void {
  reply.setCookie(sessionCookieName(config), secret, {
    ...cookieOptions(config),
    maxAge: Math.floor(config.sessionAbsoluteMs / 1000),
  });
}

/** Tells the browser to forget the session cookie. */
export function clearSessionCookie(reply: FastifyReply, config: Config): void {
  reply.clearCookie(sessionCookieName(config), cookieOptions(config));
}

/**
 * The id a person sees for one of their sessions: derived from the session id by a one-way
 * hash, so listing sessions never shows anything that could be turned back into a cookie.
 */
export function publicSessionId(sessionId: string): string {
  return createHash('sha256').update('atrium-session-public\n').update(sessionId).digest('hex').slice(0, 32);
}

/** Why a presented session is not accepted, or 'ok'. */
export type SessionVerdict = 'ok' | 'expired' | 'idle' | 'inactive-user' | 'guest-access-ended';

/** Whether a guest's access has ended at `now` (R04): from that instant on, like a deactivated account. */
export function guestAccessEnded(
  person: { role: string; access_expires_at: string | null },
  now = Date.now(),
): boolean {
  return (
    person.role === 'guest' &&
    person.access_expires_at !== null &&
    Date.parse(person.access_expires_at) <= now
  );
}

/**
 * Judges a session found by its cookie: past its absolute end, idle too long, or belonging to
 * someone who is not active (deactivated since it was opened, or a guest whose access has
 * ended, before the expiry job has deactivated them) — each makes the caller anonymous.
 */
export function judgeSession(session: SessionWithUser, config: Config, now = Date.now()): SessionVerdict {
  if (Date.parse(session.expires_at) <= now) return 'expired';
  if (Date.parse(session.last_seen_at) + config.sessionIdleMs < now) return 'idle';
  if (session.status !== 'active') return 'inactive-user';
  if (guestAccessEnded(session, now)) return 'guest-access-ended';
  return 'ok';
}

/**
 * Ends one session (sign-out, or a session the person revoked) and tells the person's sockets,
 * which re-check their own session and close if it was this one (R13: no socket outlives its
 * session).
 */
export async function endSession(tx: Tx, id: string): Promise<void> {
  const userId = await deleteSession(tx, id);
  if (userId) await appendStreamEvent(tx, streams.user(userId), 'session.revoked', {});
}

/** Ends every session of a person except `keepId`; returns how many ended. */
export async function endSessionsOfUser(tx: Tx, userId: string, keepId?: string): Promise<number> {
  const ended = await deleteSessionsOfUser(tx, userId, keepId);
  if (ended > 0) await appendStreamEvent(tx, streams.user(userId), 'session.revoked', {});
  return ended;
}

/** The session with this id (the cookie's hash) and its person's standing. */
export function findSession(db: Executor, id: string): Promise<SessionWithUser | undefined> {
  return findSessionWithUser(db, id);
}

/** A page of a person's live sessions, newest first. */
export const listLiveSessions = listSessionsOfUser;

/** The ids of every session of a person, to find one by its public id. */
export const listSessionIds = listSessionIdsOfUser;

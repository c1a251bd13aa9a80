import { z } from 'zod';
import type { MeResponse, SessionItem } from '../../../shared/api/auth.js';
import type { Page, PageQuery } from '../../../shared/api/pagination.js';
import {
  endSession,
  findSession,
  listLiveSessions,
  listSessionIds,
  publicSessionId,
} from '../../platform/auth/sessions.js';
import { type Actor, type Ctx, record, transact } from '../../platform/context.js';
import { decodeCursor, pageOf } from '../../platform/http/cursor.js';
import { AppError } from '../../platform/http/errors.js';
import { reviewsReports } from '../moderation/moderation.service.js';
import { getPasswordPolicy } from '../settings/settings.service.js';
import { presentSessionItem, presentSessionUser } from './auth.presenter.js';
import { findUserById, updateUser } from './auth.queries.js';

/** `{ user, csrfToken, canModerate }` of the request's session. */
export async function getMySession(ctx: Ctx, actor: Actor): Promise<MeResponse> {
  const [user, session, policy, canModerate] = await Promise.all([
    findUserById(ctx.db, actor.id),
    actor.sessionId ? findSession(ctx.db, actor.sessionId) : undefined,
    getPasswordPolicy(ctx.db),
    reviewsReports(ctx.db, actor),
  ]);
  if (!user || !session) throw new AppError('UNAUTHENTICATED');
  return { user: presentSessionUser(user, policy), csrfToken: session.csrf_token, canModerate };
}

/** Stores the person's language for the UI and for e-mail. */
export async function setMyLocale(ctx: Ctx, actor: Actor, locale: 'en' | 'ru'): Promise<MeResponse> {
  await updateUser(ctx.db, actor.id, { locale });
  return getMySession(ctx, actor);
}

const sessionCursor = z.tuple([z.string().max(40), z.string().max(128)]);

/** The person's live sessions, newest first, the current one flagged. */
export async function listMySessions(ctx: Ctx, actor: Actor, query: PageQuery): Promise<Page<SessionItem>> {
  const after = decodeCursor(sessionCursor, query.cursor);
  const now = Date.now();
  const rows = await listLiveSessions(ctx.db, actor.id, {
    now: new Date(now).toISOString(),
    idleSince: new Date(now - ctx.config.sessionIdleMs).toISOString(),
    limit: query.limit + 1,
    after: after ? { createdAt: after[0], id: after[1] } : undefined,
  });
  return pageOf(
    rows,
    query.limit,
    (row) => [row.created_at, row.id],
    (row) => presentSessionItem(row, actor.sessionId),
  );
}

/**
 * Ends one of the person's own sessions by its public id; 404 for an id that is not one of
 * theirs. Ending the current session signs the request's browser out. Returns whether it was
 * the current one.
 */
export async function revokeMySession(
  ctx: Ctx,
  actor: Actor,
  publicId: string,
): Promise<{ current: boolean }> {
  const ids = await listSessionIds(ctx.db, actor.id);
  const id = ids.find((candidate) => publicSessionId(candidate) === publicId);
  if (!id) throw new AppError('SESSION_NOT_FOUND');
  await transact(ctx, async (tx) => {
    await endSession(tx, id);
    await record(ctx, tx, {
      action: 'auth.session.revoked',
      subjectType: 'user',
      subjectId: actor.id,
      payload: { session: publicId, current: id === actor.sessionId },
    });
  });
  return { current: id === actor.sessionId };
}

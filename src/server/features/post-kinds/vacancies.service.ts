import { v7 as uuidv7 } from 'uuid';
import { z } from 'zod';
import type { Page } from '../../../shared/api/pagination.js';
import type {
  CreateReferralBody,
  CreateVacancyBody,
  Referral,
  VacancyView,
} from '../../../shared/api/post-kinds.js';
import type { PostView } from '../../../shared/api/posts.js';
import { cleanLine, cleanText } from '../../../shared/text.js';
import { normalizeEmail } from '../../platform/auth/email.js';
import { requireActor } from '../../platform/auth/guards.js';
import { type Ctx, record, transact } from '../../platform/context.js';
import { decodeCursor, pageOf } from '../../platform/http/cursor.js';
import { AppError } from '../../platform/http/errors.js';
import type { RateLimiter } from '../../platform/http/rate-limit.js';
import { departmentExists } from '../departments/departments.service.js';
import { createPostInTx, loadPostViews } from '../posts/posts.service.js';
import { presentPersonRef, requireKindPost } from './post-kinds.access.js';
import { authorize, canListReferrals, canPublishVacancy, canRefer } from './post-kinds.policy.js';
import {
  countReferrals,
  findReferralRow,
  insertReferral,
  insertVacancy,
  listReferralRows,
  listVacancies,
  type ReferralRow,
  referralExists,
} from './vacancies.queries.js';

/**
 * Vacancies (P11): HR (administrators and moderators) publish them in the company space; any
 * employee recommends a candidate ("bring a friend") while the vacancy is open. Referrals carry
 * a candidate's personal data: only the vacancy's author and administrators read them, and
 * each is written to the ledger.
 */

const iso = (value: string | Date) => new Date(value).toISOString();
const isClosed = (row: { closes_at: string | null }, now: string) =>
  row.closes_at !== null && row.closes_at <= now;

/** The vacancy views of a page of posts the viewer may read: at most three queries. */
export async function loadVacancyViews(
  ctx: Ctx,
  postIds: readonly string[],
): Promise<Map<string, VacancyView>> {
  const views = new Map<string, VacancyView>();
  if (postIds.length === 0) return views;
  const actor = ctx.actor;
  const rows = await listVacancies(ctx.db, postIds);
  const followed = rows.filter((r) => canListReferrals(actor, r)).map((r) => r.post_id);
  const totals = await countReferrals(ctx.db, followed);
  const mine = actor ? await countReferrals(ctx.db, postIds, actor.id) : new Map<string, number>();
  const now = iso(new Date());
  for (const row of rows) {
    const closed = isClosed(row, now);
    const listReferrals = canListReferrals(actor, row);
    views.set(row.post_id, {
      title: row.title,
      department:
        row.department_id && row.department_name
          ? { id: row.department_id, name: row.department_name }
          : null,
      location: row.location,
      closesAt: row.closes_at,
      closed,
      referralCount: listReferrals ? (totals.get(row.post_id) ?? 0) : null,
      myReferralCount: mine.get(row.post_id) ?? 0,
      abilities: { refer: canRefer(actor) && !closed, listReferrals },
    });
  }
  return views;
}

/** `POST /vacancies`: the post in the company space and its details, in one transaction. */
export async function createVacancy(
  ctx: Ctx,
  body: CreateVacancyBody,
  rateLimiter?: RateLimiter,
): Promise<PostView> {
  const actor = requireActor(ctx);
  authorize(canPublishVacancy(actor), 'ANNOUNCEMENT_FORBIDDEN');
  const title = cleanLine(body.title);
  if (!title) throw new AppError('KIND_TITLE_EMPTY');
  const departmentId = body.departmentId ?? null;
  if (departmentId && !(await departmentExists(ctx.db, departmentId))) {
    throw new AppError('REFERENCED_DEPARTMENT_NOT_FOUND');
  }
  const closesAt = body.closesAt ? iso(body.closesAt) : null;
  if (closesAt !== null && closesAt <= iso(new Date())) throw new AppError('CLOSING_TIME_PAST');
  const location = body.location === undefined ? null : cleanLine(body.location) || null;
  const vacancy = { title, departmentId, location, closesAt };
  const { id } = await transact(ctx, async (tx) => {
    const post = await createPostInTx(ctx, tx, {
      space: { type: 'company' },
      body: body.body,
      kind: 'vacancy',
      rateLimiter,
      ledgerExtra: { vacancy },
    });
    await insertVacancy(tx, {
      post_id: post.id,
      title,
      department_id: departmentId,
      location,
      closes_at: closesAt,
    });
    return post;
  });
  const [view] = await loadPostViews(ctx, [id]);
  if (!view) throw new AppError('POST_NOT_FOUND');
  return view;
}

function presentReferral(row: ReferralRow): Referral {
  return {
    id: row.id,
    referrer: presentPersonRef({
      id: row.referrer_id,
      name: row.referrer_name,
      photo_key: row.referrer_photo_key,
    }),
    candidateName: row.candidate_name,
    candidateEmail: row.candidate_email,
    candidatePhone: row.candidate_phone,
    note: row.note,
    createdAt: row.created_at,
  };
}

/** `POST /posts/{id}/referrals`: an employee recommends a candidate for an open vacancy. */
export async function referCandidate(ctx: Ctx, id: string, body: CreateReferralBody): Promise<Referral> {
  const { actor } = await requireKindPost(ctx, id, 'vacancy');
  authorize(canRefer(actor));
  const [vacancy] = await listVacancies(ctx.db, [id]);
  if (!vacancy) throw new AppError('NOT_A_VACANCY');
  const now = iso(new Date());
  if (isClosed(vacancy, now)) throw new AppError('VACANCY_CLOSED');
  const candidateName = cleanLine(body.candidateName);
  if (!candidateName) throw new AppError('CANDIDATE_NAME_EMPTY');
  const candidateEmail = normalizeEmail(body.candidateEmail);
  if (!candidateEmail) throw new AppError('EMAIL_INVALID');
  const candidatePhone = body.candidatePhone === undefined ? null : cleanLine(body.candidatePhone) || null;
  const note = body.note === undefined || !cleanText(body.note).trim() ? null : cleanText(body.note);
  const referral = {
    id: uuidv7(),
    post_id: id,
    referrer_id: actor.id,
    candidate_name: candidateName,
    candidate_email: candidateEmail,
    candidate_phone: candidatePhone,
    note,
    created_at: now,
  };
  await transact(ctx, async (tx) => {
    if (await referralExists(tx, id, candidateEmail)) throw new AppError('REFERRAL_DUPLICATE');
    await insertReferral(tx, referral);
    await record(ctx, tx, {
      action: 'referral.created',
      subjectType: 'referral',
      subjectId: referral.id,
      payload: { postId: id, candidateName, candidateEmail, candidatePhone, note },
    });
  });
  const row = await findReferralRow(ctx.db, referral.id);
  if (!row) throw new AppError('CONFLICT');
  return presentReferral(row);
}

const referralCursor = z.strictObject({ i: z.string().max(100) });

/** `GET /posts/{id}/referrals`: newest first, for the vacancy's author and administrators. */
export async function listReferrals(
  ctx: Ctx,
  id: string,
  query: { limit: number; cursor?: string },
): Promise<Page<Referral>> {
  const { actor, post } = await requireKindPost(ctx, id, 'vacancy');
  authorize(canListReferrals(actor, post));
  const rows = await listReferralRows(
    ctx.db,
    id,
    decodeCursor(referralCursor, query.cursor),
    query.limit + 1,
  );
  return pageOf(rows, query.limit, (r) => ({ i: r.id }), presentReferral);
}

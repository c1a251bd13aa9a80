import type { Insertable, Selectable } from 'kysely';
import type { Executor } from '../../platform/db/database.js';
import type { ReferralsTable, VacancyDetailsTable } from '../../platform/db/schema.js';

export type VacancyRow = Selectable<VacancyDetailsTable> & {
  author_id: string;
  department_name: string | null;
};

export async function insertVacancy(db: Executor, row: Insertable<VacancyDetailsTable>): Promise<void> {
  await db.insertInto('vacancy_details').values(row).execute();
}

/** A page of vacancies with their department's name and their author. */
export function listVacancies(db: Executor, postIds: readonly string[]): Promise<VacancyRow[]> {
  if (postIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('vacancy_details')
    .innerJoin('posts', 'posts.id', 'vacancy_details.post_id')
    .leftJoin('departments', 'departments.id', 'vacancy_details.department_id')
    .selectAll('vacancy_details')
    .select(['posts.author_id', 'departments.name as department_name'])
    .where('vacancy_details.post_id', 'in', postIds)
    .execute();
}

/** Referrals per vacancy of a page (`referrerId`: only theirs). */
export async function countReferrals(
  db: Executor,
  postIds: readonly string[],
  referrerId?: string,
): Promise<Map<string, number>> {
  if (postIds.length === 0) return new Map();
  let query = db
    .selectFrom('referrals')
    .select(['post_id', (eb) => eb.fn.countAll<number>().as('count')])
    .where('post_id', 'in', postIds);
  if (referrerId) query = query.where('referrer_id', '=', referrerId);
  const rows = await query.groupBy('post_id').execute();
  return new Map(rows.map((r) => [r.post_id, Number(r.count)]));
}

/** Whether this candidate (normalised e-mail) was already recommended for the vacancy. */
export async function referralExists(db: Executor, postId: string, email: string): Promise<boolean> {
  const row = await db
    .selectFrom('referrals')
    .select('id')
    .where('post_id', '=', postId)
    .where('candidate_email', '=', email)
    .executeTakeFirst();
  return row !== undefined;
}

export async function insertReferral(db: Executor, row: Insertable<ReferralsTable>): Promise<void> {
  await db.insertInto('referrals').values(row).execute();
}

export type ReferralRow = Selectable<ReferralsTable> & {
  referrer_name: string;
  referrer_photo_key: string | null;
};

function selectReferrals(db: Executor) {
  return db
    .selectFrom('referrals')
    .innerJoin('users', 'users.id', 'referrals.referrer_id')
    .selectAll('referrals')
    .select(['users.name as referrer_name', 'users.photo_key as referrer_photo_key']);
}

export function findReferralRow(db: Executor, id: string): Promise<ReferralRow | undefined> {
  return selectReferrals(db).where('referrals.id', '=', id).executeTakeFirst();
}

/** A vacancy's referrals, newest first (ids are time-ordered). */
export function listReferralRows(
  db: Executor,
  postId: string,
  after: { i: string } | undefined,
  limit: number,
): Promise<ReferralRow[]> {
  let query = selectReferrals(db).where('referrals.post_id', '=', postId);
  if (after) query = query.where('referrals.id', '<', after.i);
  return query.orderBy('referrals.id', 'desc').limit(limit).execute();
}

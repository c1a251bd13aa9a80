import { z } from 'zod';
import type { Page, PageQuery } from '../../../shared/api/pagination.js';
import type { OrgNode } from '../../../shared/api/users.js';
import { requireActor } from '../../platform/auth/guards.js';
import type { Ctx } from '../../platform/context.js';
import { decodeCursor, pageOf } from '../../platform/http/cursor.js';
import { AppError } from '../../platform/http/errors.js';
import { authorize, canViewDirectory } from './users.policy.js';
import { presentOrgNode } from './users.presenter.js';
import { countActiveReports, findUserById, listActivePeople, listSkillsOf } from './users.queries.js';

const nameCursor = z.strictObject({ n: z.string().max(1000), i: z.string().max(100) });

/**
 * One level of the manager tree, which the web app expands lazily: the direct reports of
 * `managerId`, or (null) the people at the top, who have no manager. Each with their own
 * report count, so the UI knows which nodes expand.
 */
export async function listOrgLevel(
  ctx: Ctx,
  managerId: string | null,
  query: PageQuery,
): Promise<Page<OrgNode>> {
  const actor = requireActor(ctx);
  authorize(canViewDirectory(actor));
  if (managerId !== null && !(await findUserById(ctx.db, managerId))) throw new AppError('USER_NOT_FOUND');
  const rows = await listActivePeople(
    ctx.db,
    { managerId, after: decodeCursor(nameCursor, query.cursor) },
    query.limit + 1,
  );
  const ids = rows.slice(0, query.limit).map((r) => r.id);
  const [skills, reports] = await Promise.all([listSkillsOf(ctx.db, ids), countActiveReports(ctx.db, ids)]);
  return pageOf(
    rows,
    query.limit,
    (r) => ({ n: r.name_search, i: r.id }),
    (r) => presentOrgNode(r, skills.get(r.id) ?? [], reports.get(r.id) ?? 0),
  );
}

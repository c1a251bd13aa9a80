import type { Department } from '../../../shared/api/departments.js';
import type { Actor } from '../../platform/context.js';
import { departmentAbilities } from './departments.policy.js';
import type { DepartmentRow } from './departments.queries.js';

/**
 * Presents the whole tree: each department with its direct and subtree member counts, which
 * the org chart shows without asking again per branch.
 */
export function presentDepartments(
  rows: DepartmentRow[],
  members: Map<string, number>,
  actor: Actor | null,
): Department[] {
  const children = new Map<string, string[]>();
  for (const row of rows) {
    if (row.parent_id) children.set(row.parent_id, [...(children.get(row.parent_id) ?? []), row.id]);
  }
  const totals = new Map<string, number>();
  const total = (id: string, depth: number): number => {
    const known = totals.get(id);
    if (known !== undefined) return known;
    // The service never stores a cycle; the depth bound only keeps a corrupted tree from recursing forever.
    const sum =
      (members.get(id) ?? 0) +
      (depth > 1000 ? 0 : (children.get(id) ?? []).reduce((acc, child) => acc + total(child, depth + 1), 0));
    totals.set(id, sum);
    return sum;
  };
  return rows.map((row) => {
    const counts = { memberCount: members.get(row.id) ?? 0, childCount: children.get(row.id)?.length ?? 0 };
    return {
      id: row.id,
      name: row.name,
      parentId: row.parent_id,
      headId: row.head_user_id,
      head: row.head_user_id && row.head_name ? { id: row.head_user_id, name: row.head_name } : null,
      ...counts,
      totalMemberCount: total(row.id, 0),
      abilities: departmentAbilities(actor, counts),
    };
  });
}

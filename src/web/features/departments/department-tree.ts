import type { Department } from '../../../shared/api/departments.js';

export interface DepartmentNode {
  department: Department;
  children: DepartmentNode[];
}

/**
 * Builds the tree from the flat list, keeping the list's (name) order among siblings. A
 * department whose parent is missing from the list becomes a root rather than disappearing.
 */
export function buildDepartmentTree(items: readonly Department[]): DepartmentNode[] {
  const nodes = new Map(
    items.map((department) => [department.id, { department, children: [] as DepartmentNode[] }]),
  );
  const roots: DepartmentNode[] = [];
  for (const node of nodes.values()) {
    const parent = node.department.parentId ? nodes.get(node.department.parentId) : undefined;
    (parent ? parent.children : roots).push(node);
  }
  return roots;
}

/** The tree in reading order, each department with its depth (0 for roots). */
export function flattenDepartmentTree(
  roots: readonly DepartmentNode[],
  depth = 0,
): { department: Department; depth: number }[] {
  return roots.flatMap((node) => [
    { department: node.department, depth },
    ...flattenDepartmentTree(node.children, depth + 1),
  ]);
}

/** The ids of a department and everything under it (a department cannot move there). */
export function descendantIds(items: readonly Department[], id: string): Set<string> {
  const result = new Set([id]);
  let grew = true;
  while (grew) {
    grew = false;
    for (const department of items) {
      if (department.parentId && result.has(department.parentId) && !result.has(department.id)) {
        result.add(department.id);
        grew = true;
      }
    }
  }
  return result;
}

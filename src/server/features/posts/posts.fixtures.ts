import { Parser } from 'htmlparser2';
import { v7 as uuidv7 } from 'uuid';
import { handleFromName } from '../../../shared/mentions.js';
import type { Db } from '../../platform/db/database.js';
import type { GroupRole, GroupVisibility } from '../../platform/db/schema.js';

/**
 * Test factories of the posts slice: groups and departments written straight into the database,
 * so the posts tests do not depend on the groups and departments routes. Not used by the server.
 */

let counter = 0;

/** A group with the given members (role per person). */
export async function insertGroup(
  db: Db,
  props: { visibility: GroupVisibility; name?: string; members?: Record<string, GroupRole> },
): Promise<{ id: string; name: string; handle: string }> {
  counter += 1;
  const id = uuidv7();
  const name = props.name ?? `Group ${counter} ${id.slice(-4)}`;
  const handle = `${handleFromName(name)}-${id.slice(-6)}`;
  const now = new Date().toISOString();
  const members = Object.entries(props.members ?? {});
  await db
    .insertInto('groups')
    .values({
      id,
      name,
      name_search: name.toLowerCase(),
      handle,
      visibility: props.visibility,
      department_id: null,
      photo_key: null,
      member_count: members.length,
      created_by: null,
      created_at: now,
      updated_at: now,
    })
    .execute();
  for (const [userId, role] of members) {
    await db
      .insertInto('group_members')
      .values({ group_id: id, user_id: userId, role, created_at: now })
      .execute();
  }
  return { id, name, handle };
}

/** A department (optionally under a parent, with a head). */
export async function insertDepartment(
  db: Db,
  props: { name: string; parentId?: string | null; headUserId?: string | null },
): Promise<{ id: string; handle: string }> {
  const id = uuidv7();
  const now = new Date().toISOString();
  await db
    .insertInto('departments')
    .values({
      id,
      name: props.name,
      name_search: props.name.toLowerCase(),
      parent_id: props.parentId ?? null,
      head_user_id: props.headUserId ?? null,
      external_id: null,
      created_at: now,
      updated_at: now,
    })
    .execute();
  return { id, handle: handleFromName(props.name) };
}

/** Moves a person into a department. */
export async function setDepartment(db: Db, userId: string, departmentId: string | null): Promise<void> {
  await db.updateTable('users').set({ department_id: departmentId }).where('id', '=', userId).execute();
}

/** Problems in rendered HTML, found by parsing it as a browser would see its elements. */
export function dangersIn(html: string): string[] {
  const found: string[] = [];
  const parser = new Parser(
    {
      onopentag(name, attributes) {
        if (['script', 'iframe', 'object', 'embed', 'form', 'base', 'svg', 'style', 'img'].includes(name)) {
          found.push(`<${name}>`);
        }
        for (const [attribute, value] of Object.entries(attributes)) {
          if (/^on/i.test(attribute)) found.push(`${name}[${attribute}]`);
          // Browsers drop whitespace and control characters before the scheme.
          // biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point.
          const scheme = value.replace(/[\u0000-\u0020]/g, '').toLowerCase();
          if (/^(javascript|vbscript|data):/.test(scheme)) found.push(`${name}[${attribute}=${value}]`);
        }
      },
    },
    { decodeEntities: true, lowerCaseTags: true, lowerCaseAttributeNames: true },
  );
  parser.write(html);
  parser.end();
  return found;
}

/**
 * Runs `fn` over `items` with at most `width` calls in flight: corpus tests send hundreds of
 * independent requests, and PostgreSQL serves them side by side.
 */
export async function forEachConcurrently<T>(
  items: readonly T[],
  width: number,
  fn: (item: T) => Promise<void>,
): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const item = items[next++]!;
      await fn(item);
    }
  };
  await Promise.all(Array.from({ length: Math.min(width, items.length) }, worker));
}

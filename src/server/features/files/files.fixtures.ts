import { randomBytes } from 'node:crypto';
import type { LightMyRequestResponse } from 'fastify';
import { v7 as uuidv7 } from 'uuid';
import { call, type Person } from '../../../../tests/support/people.js';
import type { TestApp } from '../../../../tests/support/test-app.js';
import type { FileView, FolderDetail, LibrarySpaceRef } from '../../../shared/api/files.js';
import type { GroupRole, GroupVisibility } from '../../platform/db/schema.js';
import { fileProcessingIdle } from './files.jobs.js';

/**
 * Test helpers of the files slice: multipart bodies built by hand (what a browser sends), groups
 * and departments inserted directly, and uploads through the real API.
 */

export interface FieldPart {
  name: string;
  value: string;
}
export interface FilePart {
  name: string;
  filename: string;
  content: Buffer;
  type?: string;
}

/** A multipart/form-data body with its content type, parts in the given order. */
export function multipart(parts: (FieldPart | FilePart)[]): { body: Buffer; contentType: string } {
  const boundary = `----atrium${randomBytes(8).toString('hex')}`;
  const chunks: Buffer[] = [];
  for (const part of parts) {
    chunks.push(Buffer.from(`--${boundary}\r\n`));
    if ('content' in part) {
      chunks.push(
        Buffer.from(
          `Content-Disposition: form-data; name="${part.name}"; filename="${part.filename}"\r\n` +
            `Content-Type: ${part.type ?? 'application/octet-stream'}\r\n\r\n`,
        ),
      );
      chunks.push(part.content, Buffer.from('\r\n'));
    } else {
      chunks.push(
        Buffer.from(`Content-Disposition: form-data; name="${part.name}"\r\n\r\n${part.value}\r\n`),
      );
    }
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return { body: Buffer.concat(chunks), contentType: `multipart/form-data; boundary=${boundary}` };
}

/** `POST /files` as `who`: the fields first (the usual order), then the file. */
export function uploadRaw(
  t: TestApp,
  who: Person | null,
  target: { space?: LibrarySpaceRef; folderId?: string },
  file: { filename: string; content: Buffer; type?: string },
  options: { fieldsAfter?: boolean; url?: string } = {},
): Promise<LightMyRequestResponse> {
  const fields: FieldPart[] = [];
  if (target.space) fields.push({ name: 'space', value: JSON.stringify(target.space) });
  if (target.folderId) fields.push({ name: 'folderId', value: target.folderId });
  const filePart: FilePart = { name: 'file', ...file };
  const { body, contentType } = multipart(
    options.fieldsAfter ? [filePart, ...fields] : [...fields, filePart],
  );
  return call(t, who, {
    method: 'POST',
    url: options.url ?? '/api/v1/files',
    payload: body,
    headers: { 'content-type': contentType },
  });
}

/** Uploads a text file and returns its view (fails the test otherwise). */
export async function uploadText(
  t: TestApp,
  who: Person,
  target: { space?: LibrarySpaceRef; folderId?: string },
  name = 'notes.txt',
  text = `Hello ${uuidv7()}`,
): Promise<FileView> {
  const res = await uploadRaw(t, who, target, { filename: name, content: Buffer.from(text) });
  if (res.statusCode !== 201) throw new Error(`upload failed: ${res.statusCode} ${res.body}`);
  return res.json();
}

/** Creates a folder through the API. */
export async function makeFolder(
  t: TestApp,
  who: Person,
  where: { space?: LibrarySpaceRef; parentId?: string },
  name = `Folder ${uuidv7().slice(-6)}`,
): Promise<FolderDetail> {
  const res = await call(t, who, { method: 'POST', url: '/api/v1/folders', payload: { ...where, name } });
  if (res.statusCode !== 201) throw new Error(`folder failed: ${res.statusCode} ${res.body}`);
  return res.json();
}

/** Inserts a group with members directly (group behaviour is tested by the groups slice). */
export async function insertGroup(
  t: TestApp,
  visibility: GroupVisibility,
  members: { person: { id: string }; role?: GroupRole }[] = [],
): Promise<{ id: string; name: string }> {
  const db = t.database.handle.db;
  const id = uuidv7();
  const now = new Date().toISOString();
  const name = `Group ${id.slice(-8)}`;
  await db
    .insertInto('groups')
    .values({
      id,
      name,
      name_search: name.toLowerCase(),
      handle: `g-${id.slice(-12)}`,
      visibility,
      department_id: null,
      photo_key: null,
      created_by: null,
      created_at: now,
      updated_at: now,
    })
    .execute();
  for (const m of members) await addMember(t, id, m.person.id, m.role ?? 'member');
  return { id, name };
}

export async function addMember(t: TestApp, groupId: string, userId: string, role: GroupRole = 'member') {
  await t.database.handle.db
    .insertInto('group_members')
    .values({ group_id: groupId, user_id: userId, role, created_at: new Date().toISOString() })
    .execute();
}

export async function removeMember(t: TestApp, groupId: string, userId: string) {
  await t.database.handle.db
    .deleteFrom('group_members')
    .where('group_id', '=', groupId)
    .where('user_id', '=', userId)
    .execute();
}

/** Inserts a department (under `parentId`) directly. */
export async function insertDepartment(t: TestApp, parentId: string | null = null): Promise<string> {
  const id = uuidv7();
  const now = new Date().toISOString();
  const name = `Dept ${id.slice(-8)}`;
  await t.database.handle.db
    .insertInto('departments')
    .values({
      id,
      name,
      name_search: name.toLowerCase(),
      parent_id: parentId,
      head_user_id: null,
      external_id: null,
      created_at: now,
      updated_at: now,
    })
    .execute();
  return id;
}

export async function setDepartment(t: TestApp, userId: string, departmentId: string | null) {
  await t.database.handle.db
    .updateTable('users')
    .set({ department_id: departmentId })
    .where('id', '=', userId)
    .execute();
}

/** Ledger entries with `action` about `subjectId`, oldest first, payload parsed. */
export async function ledgerOf(t: TestApp, action: string, subjectId?: string) {
  let query = t.database.handle.db.selectFrom('ledger').selectAll().where('action', '=', action);
  if (subjectId) query = query.where('subject_id', '=', subjectId);
  const rows = await query.orderBy('seq').execute();
  return rows.map((r) => ({ ...r, payload: JSON.parse(r.payload) as Record<string, unknown> }));
}

/** Waits for thumbnails and text extraction queued so far. */
export const jobsIdle = fileProcessingIdle;

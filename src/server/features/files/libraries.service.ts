import { z } from 'zod';
import type { LibraryItem, LibraryPage, SharedItem, SharedWithMePage } from '../../../shared/api/files.js';
import type { PageQuery } from '../../../shared/api/pagination.js';
import { requireActor } from '../../platform/auth/guards.js';
import type { Ctx } from '../../platform/context.js';
import type { SpaceType } from '../../platform/db/schema.js';
import { decodeCursor, encodeCursor } from '../../platform/http/cursor.js';
import { AppError } from '../../platform/http/errors.js';
import { listSharedEntries } from './file-shares.queries.js';
import { canReadFolder, folderAbilities, libraryAbilities } from './files.policy.js';
import { folderFactsOf, presentFile, presentFolder } from './files.presenter.js';
import { type LibraryScope, listFilesIn, listReadableFileRows } from './files.queries.js';
import { companyNameOf, resolveLibrary, sameLibrary } from './files.service.js';
import { findFolderRow, listFolderPath, listFoldersIn, listReadableFolderRows } from './folders.queries.js';

/**
 * Browsing libraries (G2): one page of a library's root or of a folder in it, folders first and
 * then files, each by name; and "Shared with me". Everything listed is filtered in SQL by what
 * the viewer may read (files.access.queries.ts).
 */

/** A page's position: in the folders (`d`) or in the files (`f`), after the named entry. */
const libraryCursor = z.strictObject({
  t: z.enum(['d', 'f']),
  n: z.string().max(2000),
  i: z.string().max(100),
});

const sharedCursor = z.strictObject({ s: z.string().max(40), i: z.string().max(100) });

/**
 * `GET /libraries/company`, `/libraries/groups/{id}`, `/libraries/people/{id}`. The root needs the
 * right to read the library; a folder only the right to read that folder (a folder shared with
 * the viewer opens in a library they cannot read). Anything else is 404.
 */
export async function getLibraryPage(
  ctx: Ctx,
  ref: { type: SpaceType; id?: string },
  query: PageQuery & { folderId?: string },
): Promise<LibraryPage> {
  const actor = requireActor(ctx);
  const lib = await resolveLibrary(ctx.db, actor, ref);
  const companyName = await companyNameOf(ctx.db);
  let scope: LibraryScope;
  let folder: LibraryPage['folder'] = null;
  if (query.folderId) {
    const row = await findFolderRow(ctx.db, actor, query.folderId);
    if (!row || !sameLibrary(row, lib.columns) || !canReadFolder(actor, folderFactsOf(row))) {
      throw new AppError('FOLDER_NOT_FOUND');
    }
    scope = { folderId: row.id };
    folder = {
      id: row.id,
      name: row.name,
      path: await listFolderPath(ctx.db, row.id),
      abilities: folderAbilities(actor, folderFactsOf(row)),
    };
  } else {
    if (!libraryAbilities(actor, lib.library).read) throw new AppError('FILE_LIBRARY_NOT_FOUND');
    scope = { root: lib.root };
  }

  const after = decodeCursor(libraryCursor, query.cursor);
  const limit = query.limit;
  const items: LibraryItem[] = [];
  let more = false;
  let last: z.infer<typeof libraryCursor> | undefined;
  if (!after || after.t === 'd') {
    const folders = (await listFoldersIn(ctx.db, actor, scope, after, limit + 1)).slice(0, limit + 1);
    more = folders.length > limit;
    for (const row of folders.slice(0, limit)) {
      items.push({ type: 'folder', ...presentFolder(row, actor, companyName) });
      last = { t: 'd', n: row.name_key, i: row.id };
    }
  }
  if (!more) {
    const room = limit - items.length;
    const files = await listFilesIn(ctx.db, actor, scope, after?.t === 'f' ? after : undefined, room + 1);
    more = files.length > room;
    for (const row of files.slice(0, room)) {
      items.push({ type: 'file', ...presentFile(row, actor, companyName) });
      last = { t: 'f', n: row.name_key, i: row.id };
    }
  }
  const space = {
    type: lib.columns.space_type,
    id: lib.columns.group_id ?? lib.columns.profile_id,
    name: lib.name,
  };
  return {
    library: { space, name: lib.name, abilities: libraryAbilities(actor, lib.library) },
    folder,
    items,
    nextCursor: more && last ? encodeCursor(last) : null,
  };
}

/** `GET /files/shared-with-me`: files and folders others shared with the viewer, newest share first. */
export async function listSharedWithMe(ctx: Ctx, query: PageQuery): Promise<SharedWithMePage> {
  const actor = requireActor(ctx);
  const after = decodeCursor(sharedCursor, query.cursor);
  const entries = await listSharedEntries(ctx.db, actor, after, query.limit + 1);
  const page = entries.slice(0, query.limit);
  const fileIds = page.filter((e) => e.kind === 'file').map((e) => e.target_id);
  const folderIds = page.filter((e) => e.kind === 'folder').map((e) => e.target_id);
  const [files, folders, companyName] = await Promise.all([
    listReadableFileRows(ctx.db, actor, fileIds),
    listReadableFolderRows(ctx.db, actor, folderIds),
    companyNameOf(ctx.db),
  ]);
  const fileById = new Map(files.map((r) => [r.id, r]));
  const folderById = new Map(folders.map((r) => [r.id, r]));
  const items: SharedItem[] = [];
  for (const entry of page) {
    if (entry.kind === 'file') {
      const row = fileById.get(entry.target_id);
      if (row)
        items.push({ type: 'file', sharedAt: entry.shared_at, ...presentFile(row, actor, companyName) });
    } else {
      const row = folderById.get(entry.target_id);
      if (row)
        items.push({ type: 'folder', sharedAt: entry.shared_at, ...presentFolder(row, actor, companyName) });
    }
  }
  const last = page[page.length - 1];
  return {
    items,
    nextCursor:
      entries.length > query.limit && last ? encodeCursor({ s: last.shared_at, i: last.target_id }) : null,
  };
}

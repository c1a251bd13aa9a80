import type { LightMyRequestResponse } from 'fastify';
import { expect } from 'vitest';
import { call } from '../support/people.js';
import {
  type Action,
  abilities,
  commentAuthorOf,
  type Expect,
  expected,
  expectedThroughLink,
} from './files-access.oracle.js';
import {
  type Caller,
  type FileKey,
  filePlans,
  type LinkKey,
  linkPlans,
  personPlans,
} from './files-access.plan.js';
import {
  api,
  filesWorld,
  type Json,
  libraryUrl,
  type Method,
  materialiseFile,
  next,
  postVersion,
} from './files-access.world.js';

/**
 * What each action of the matrix sends and how its answer is judged against the oracle. Cells
 * that change state act on a fresh copy (delete, delete a comment) or undo what they did
 * (rename, share); refused cells check that nothing changed.
 */

const w = filesWorld;

function send(
  who: Caller,
  method: Method,
  url: string,
  extra: { payload?: unknown; headers?: Record<string, string> } = {},
) {
  return call(w().t, w().as[who], {
    method,
    url: `/api/v1${url}`,
    payload: extra.payload as string | Buffer | object | undefined,
    headers: extra.headers,
  });
}

function detail(res: LightMyRequestResponse): string {
  return `${res.statusCode} ${res.body.slice(0, 400)}`;
}

/** A refusal: exactly the status, as problem details, and nothing of the file in the body. */
function expectRefused(
  res: LightMyRequestResponse,
  status: Expect,
  file?: { name: string; content: string },
) {
  expect(res.statusCode, detail(res)).toBe(status);
  expect(res.headers['content-type'], detail(res)).toContain('application/problem+json');
  if (file) {
    expect(res.body).not.toContain(file.content.trim());
    if (status !== 403) expect(res.body).not.toContain(file.name);
  }
}

function expectOk(res: LightMyRequestResponse) {
  expect(res.statusCode, detail(res)).toBeGreaterThanOrEqual(200);
  expect(res.statusCode, detail(res)).toBeLessThan(300);
}

/** Walks a paginated list to its end; whether an item with `id` (and `type`, when given) is in it. */
async function findInPages(
  who: Caller,
  url: string,
  id: string,
  type?: string,
): Promise<{ status: number; found: boolean; res: LightMyRequestResponse }> {
  let cursor: string | null = null;
  for (let page = 0; page < 50; page += 1) {
    const sep = url.includes('?') ? '&' : '?';
    const res = await send(
      who,
      'GET',
      `${url}${sep}limit=100${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
    );
    if (res.statusCode !== 200) return { status: res.statusCode, found: false, res };
    const body = res.json() as { items: Json[]; nextCursor: string | null };
    if (body.items.some((item) => item.id === id && (type === undefined || item.type === type))) {
      return { status: 200, found: true, res };
    }
    if (!body.nextCursor) return { status: 200, found: false, res };
    cursor = body.nextCursor;
  }
  throw new Error(`${url}: more than 50 pages`);
}

async function fileRow(id: string) {
  return w()
    .db.selectFrom('files')
    .select(['name', 'version', 'deleted_at'])
    .where('id', '=', id)
    .executeTakeFirstOrThrow();
}

async function countOf(
  table: 'file_shares' | 'file_links' | 'file_comments',
  fileId: string,
): Promise<number> {
  const rows = await w().db.selectFrom(table).select('id').where('file_id', '=', fileId).execute();
  return rows.length;
}

/** A simple read: `allow` is a 200 that `check` accepts; anything else the exact refusal. */
async function readCell(
  who: Caller,
  file: FileKey,
  want: Expect,
  url: string,
  check: (res: LightMyRequestResponse) => void,
) {
  const f = w().files[file];
  const res = await send(who, 'GET', url);
  if (want === 'allow') {
    expect(res.statusCode, detail(res)).toBe(200);
    check(res);
  } else {
    expectRefused(res, want, f);
  }
}

/**
 * A change: `allow` is a 2xx after which `undo` runs; a refusal must leave `state()` as it was.
 */
async function changeCell<T>(
  want: Expect,
  state: () => Promise<T>,
  act: () => Promise<LightMyRequestResponse>,
  onAllowed: (res: LightMyRequestResponse) => Promise<void>,
  file?: { name: string; content: string },
) {
  const before = await state();
  const res = await act();
  if (want === 'allow') {
    expectOk(res);
    await onAllowed(res);
  } else {
    expectRefused(res, want, file);
    expect(await state(), 'a refused request changed nothing').toEqual(before);
  }
}

type Runner = (who: Caller, file: FileKey, want: Expect) => Promise<void>;

const runners: Record<Action, Runner> = {
  read: (who, file, want) =>
    readCell(who, file, want, `/files/${w().files[file].id}`, (res) => {
      expect(res.json().id).toBe(w().files[file].id);
    }),
  abilities: (who, file, want) =>
    readCell(who, file, want, `/files/${w().files[file].id}`, (res) => {
      expect(res.json().abilities).toEqual(abilities(who, file));
    }),
  download: (who, file, want) =>
    readCell(who, file, want, `/files/${w().files[file].id}/content`, (res) => {
      expect(res.body).toBe(w().files[file].content);
    }),
  preview: (who, file, want) =>
    readCell(who, file, want, `/files/${w().files[file].id}/text`, (res) => {
      expect(res.json().text).toContain(w().files[file].content.trim());
    }),
  versions: (who, file, want) =>
    readCell(who, file, want, `/files/${w().files[file].id}/versions?limit=100`, (res) => {
      expect((res.json().items as Json[]).length).toBeGreaterThanOrEqual(2);
    }),
  comments: (who, file, want) =>
    readCell(who, file, want, `/files/${w().files[file].id}/comments?limit=100`, (res) => {
      expect(Array.isArray(res.json().items)).toBe(true);
    }),
  seeShares: (who, file, want) =>
    readCell(who, file, want, `/files/${w().files[file].id}/shares?limit=100`, (res) => {
      expect(Array.isArray(res.json().items)).toBe(true);
    }),
  seeLinks: (who, file, want) =>
    readCell(who, file, want, `/files/${w().files[file].id}/links?limit=100`, (res) => {
      expect(Array.isArray(res.json().items)).toBe(true);
    }),

  async list(who, file, want) {
    const plan = filePlans[file];
    const folder = plan.folder ? `?folderId=${w().folders[plan.folder]}` : '';
    const { status, found, res } = await findInPages(
      who,
      `${libraryUrl(plan.library)}${folder}`,
      w().files[file].id,
    );
    if (want === 'allow') {
      expect(status, detail(res)).toBe(200);
      expect(found, 'the file is in its listing').toBe(true);
    } else if (want === 'absent') {
      // A library or folder the person may not browse does not exist for them.
      expect([200, 404], detail(res)).toContain(status);
      expect(found, 'the file is not in the listing').toBe(false);
      if (status === 404) expectRefused(res, 404, w().files[file]);
    } else {
      expectRefused(res, want);
    }
  },

  async sharedWithMe(who, file, want) {
    const { status, found, res } = await findInPages(
      who,
      '/files/shared-with-me',
      w().files[file].id,
      'file',
    );
    if (want === 'allow' || want === 'absent') {
      expect(status, detail(res)).toBe(200);
      expect(found, 'the file is in "Shared with me"').toBe(want === 'allow');
    } else {
      expectRefused(res, want);
    }
  },

  async rename(who, file, want) {
    const f = w().files[file];
    const newName = `renamed-${next()}.txt`;
    await changeCell(
      want,
      async () => (await fileRow(f.id)).name,
      () => send(who, 'PATCH', `/files/${f.id}`, { payload: { name: newName } }),
      async (res) => {
        expect(res.json().name).toBe(newName);
        expect((await fileRow(f.id)).name).toBe(newName);
        await api(w().as[who], 'PATCH', `/files/${f.id}`, { name: f.name });
      },
      f,
    );
  },

  async newVersion(who, file, want) {
    const f = w().files[file];
    await changeCell(
      want,
      async () => (await fileRow(f.id)).version,
      () => postVersion(w().as[who], f.id, f.name, f.content),
      async () => {
        expect((await fileRow(f.id)).version).toBeGreaterThanOrEqual(3);
      },
      f,
    );
  },

  async restore(who, file, want) {
    const f = w().files[file];
    let before = 0;
    await changeCell(
      want,
      async () => {
        before = (await fileRow(f.id)).version;
        return before;
      },
      () => send(who, 'POST', `/files/${f.id}/versions/1/restore`),
      async () => {
        expect((await fileRow(f.id)).version).toBe(before + 1);
      },
      f,
    );
  },

  async share(who, file, want) {
    const f = w().files[file];
    await changeCell(
      want,
      () => countOf('file_shares', f.id),
      () =>
        send(who, 'POST', `/files/${f.id}/shares`, {
          payload: { granteeType: 'user', granteeId: w().target.id, permission: 'read' },
        }),
      async (res) => {
        // Unshare again, so the target never reads the file in later cells.
        await api(w().as[who], 'DELETE', `/files/${f.id}/shares/${res.json().id}`);
        expect(await countOf('file_shares', f.id)).toBe(filePlans[file].shares.length);
      },
      f,
    );
  },

  async link(who, file, want) {
    const f = w().files[file];
    await changeCell(
      want,
      () => countOf('file_links', f.id),
      () => send(who, 'POST', `/files/${f.id}/links`, { payload: {} }),
      async (res) => {
        expect(typeof res.json().token).toBe('string');
      },
      f,
    );
  },

  async delete(who, file, want) {
    // A fresh copy for everyone who could touch it; the world's file for the refused sessions.
    const copy = want === 401 ? w().files[file] : await materialiseFile(file, { secondVersion: false });
    await changeCell(
      want,
      async () => (await fileRow(copy.id)).deleted_at,
      () => send(who, 'DELETE', `/files/${copy.id}`),
      async () => {
        expect((await fileRow(copy.id)).deleted_at).not.toBeNull();
      },
      copy,
    );
    if (copy !== w().files[file]) {
      // Keep the copy out of later listings whatever the cell found.
      await w()
        .db.updateTable('files')
        .set({ deleted_at: new Date().toISOString() })
        .where('id', '=', copy.id)
        .execute();
    }
  },

  async comment(who, file, want) {
    const f = w().files[file];
    await changeCell(
      want,
      () => countOf('file_comments', f.id),
      () => send(who, 'POST', `/files/${f.id}/comments`, { payload: { body: `A comment ${next()}` } }),
      async (res) => {
        expect(res.statusCode).toBe(201);
      },
      f,
    );
  },

  async deleteComment(who, file, want) {
    const f = w().files[file];
    const author = w().as[commentAuthorOf(file)];
    const comment = await api(author, 'POST', `/files/${f.id}/comments`, { body: `To delete ${next()}` });
    const alive = async () =>
      (
        await w()
          .db.selectFrom('file_comments')
          .select('deleted_at')
          .where('id', '=', comment.id as string)
          .executeTakeFirst()
      )?.deleted_at ?? 'gone';
    await changeCell(
      want,
      alive,
      () => send(who, 'DELETE', `/files/${f.id}/comments/${comment.id}`),
      async () => {
        expect(await alive()).not.toBeNull();
      },
      f,
    );
  },
};

const phrases: Record<Action, (file: FileKey) => string> = {
  read: () => 'open',
  abilities: () => 'be shown the abilities it has on',
  download: () => 'download',
  preview: () => 'preview',
  versions: () => 'list the versions of',
  comments: () => 'read the comments on',
  list: () => 'find in its library listing',
  sharedWithMe: () => 'find in "Shared with me"',
  rename: () => 'rename',
  newVersion: () => 'upload a new version of',
  restore: () => 'restore version 1 of',
  share: () => 'share',
  link: () => 'make a link to',
  seeShares: () => 'see the shares of',
  seeLinks: () => 'see the links of',
  delete: () => 'delete (a fresh copy of)',
  comment: () => 'comment on',
  deleteComment: (file) =>
    `delete ${commentAuthorOf(file) === 'member' ? "the member's" : "the uploader's"} comment on`,
};

function outcome(want: Expect): string {
  if (want === 'allow') return 'allowed';
  if (want === 'absent') return 'absent';
  return `refused ${want}`;
}

export interface MatrixCell {
  name: string;
  run: () => Promise<void>;
}

/** The cell "person × file × action", named as a sentence, with the oracle's answer. */
export function fileCell(who: Caller, file: FileKey, action: Action): MatrixCell {
  const want = expected(who, file, action);
  const may = want === 'allow' ? 'may' : 'may not';
  return {
    name: `${personPlans[who].label} ${may} ${phrases[action](file)} ${filePlans[file].label} → ${outcome(want)}`,
    run: () => runners[action](who, file, want),
  };
}

/** The cell "person × link × (open | download)". */
export function linkCell(who: Caller, link: LinkKey, what: 'open' | 'download'): MatrixCell {
  const want = expectedThroughLink(who, link);
  const may = want === 'allow' ? 'may' : 'may not';
  return {
    name: `${personPlans[who].label} ${may} ${what === 'open' ? 'open' : 'download'} through ${linkPlans[link].label} → ${outcome(want)}`,
    async run() {
      const { token } = w().links[link];
      const f = w().files[linkPlans[link].file];
      const res = await send(who, 'GET', `/file-links/${token}${what === 'download' ? '/content' : ''}`);
      if (want === 'allow') {
        expect(res.statusCode, detail(res)).toBe(200);
        if (what === 'open') expect(res.json().id).toBe(f.id);
        else expect(res.body).toBe(f.content);
      } else {
        expectRefused(res, want, f);
        if (want === 410) expect(res.json().code).toBe('FILE_LINK_EXPIRED');
      }
    },
  };
}

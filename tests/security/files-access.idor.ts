import { randomUUID } from 'node:crypto';
import type { LightMyRequestResponse } from 'fastify';
import { expect } from 'vitest';
import { call } from '../support/people.js';
import type { MatrixCell } from './files-access.cells.js';
import { canRead } from './files-access.oracle.js';
import { type Caller, type FileKey, fileKeys, filePlans, personPlans } from './files-access.plan.js';
import {
  api,
  filesWorld,
  idOf,
  type Json,
  type Method,
  multipart,
  type WorldFile,
} from './files-access.world.js';

/**
 * Id swapping (issue 4, "swapping ids in any file URL gives 404, never another person's file"):
 * every file route with an id, called with ids of files the caller may not read, of folders
 * where a file is expected (and the reverse), of another file's comment, share or link, of a
 * version that does not exist, and random UUIDs — 404 every time, with nothing of the other
 * file in the answer, and the other file's comment, share or link untouched.
 */

const w = filesWorld;

export interface RouteSpec {
  method: Method;
  /** As the OpenAPI document names it, without `/api/v1`. */
  path: string;
  body?: () => unknown;
  multipart?: boolean;
}

const fileRoutes: RouteSpec[] = [
  { method: 'GET', path: '/files/{id}' },
  { method: 'PATCH', path: '/files/{id}', body: () => ({ name: 'swapped.txt' }) },
  { method: 'DELETE', path: '/files/{id}' },
  { method: 'GET', path: '/files/{id}/content' },
  { method: 'GET', path: '/files/{id}/thumbnail' },
  { method: 'GET', path: '/files/{id}/text' },
  { method: 'GET', path: '/files/{id}/versions' },
  { method: 'POST', path: '/files/{id}/versions', multipart: true },
  { method: 'POST', path: '/files/{id}/versions/{version}/restore' },
  { method: 'GET', path: '/files/{id}/comments' },
  { method: 'POST', path: '/files/{id}/comments', body: () => ({ body: 'Swapped' }) },
  { method: 'DELETE', path: '/files/{id}/comments/{commentId}' },
  { method: 'GET', path: '/files/{id}/shares' },
  {
    method: 'POST',
    path: '/files/{id}/shares',
    body: () => ({ granteeType: 'user', granteeId: w().target.id, permission: 'edit' }),
  },
  { method: 'DELETE', path: '/files/{id}/shares/{shareId}' },
  { method: 'GET', path: '/files/{id}/links' },
  { method: 'POST', path: '/files/{id}/links', body: () => ({}) },
  { method: 'DELETE', path: '/files/{id}/links/{linkId}' },
];

const folderRoutes: RouteSpec[] = [
  { method: 'GET', path: '/folders/{id}' },
  { method: 'PATCH', path: '/folders/{id}', body: () => ({ name: 'Swapped' }) },
  { method: 'DELETE', path: '/folders/{id}' },
  { method: 'GET', path: '/folders/{id}/shares' },
  {
    method: 'POST',
    path: '/folders/{id}/shares',
    body: () => ({ granteeType: 'user', granteeId: w().target.id, permission: 'edit' }),
  },
  { method: 'DELETE', path: '/folders/{id}/shares/{shareId}' },
];

/** Every route of the files feature with an id in its path, as this table covers them. */
export const routesWithIds: RouteSpec[] = [
  ...fileRoutes,
  ...folderRoutes,
  { method: 'GET', path: '/libraries/groups/{id}' },
  { method: 'GET', path: '/libraries/people/{id}' },
  { method: 'GET', path: '/file-links/{token}' },
  { method: 'GET', path: '/file-links/{token}/content' },
];

/** The callers id swapping is tried as: a manager, an employee with shares, a guest member, a guest. */
export const idorCallers: Caller[] = ['groupAdmin', 'nonMember', 'guestMember', 'guest'];

/** Foreign things a cell names in its title, and whose data must not be in the answer. */
interface Swap {
  what: string;
  /** Read inside the test: the world is built in beforeAll, after the cells are named. */
  params: () => Record<string, string>;
  leak?: () => WorldFile;
}

function fill(path: string, params: Record<string, string>): string {
  return path.replace(/\{(\w+)\}/g, (_, name: string) => {
    const value = params[name];
    if (value === undefined) throw new Error(`${path}: no value for {${name}}`);
    return value;
  });
}

async function send(who: Caller, route: RouteSpec, url: string): Promise<LightMyRequestResponse> {
  const extra = route.multipart
    ? multipart({}, { name: 'swapped.txt', content: 'Swapped bytes\n' })
    : route.body
      ? { payload: route.body() as object }
      : {};
  return call(w().t, w().as[who], {
    method: route.method,
    url: `/api/v1${url}`,
    ...extra,
  } as Parameters<typeof call>[2]);
}

function expectNotFound(res: LightMyRequestResponse, leak?: WorldFile) {
  const detail = `${res.statusCode} ${res.body.slice(0, 400)}`;
  expect(res.statusCode, detail).toBe(404);
  expect(res.headers['content-type'], detail).toContain('application/problem+json');
  if (leak) {
    expect(res.body).not.toContain(leak.name);
    expect(res.body).not.toContain(leak.content.trim());
    expect(res.body).not.toContain(leak.id);
  }
}

function cell(who: Caller, route: RouteSpec, swap: Swap): MatrixCell {
  return {
    name: `${personPlans[who].label} gets 404 from ${route.method} ${route.path} with ${swap.what}`,
    async run() {
      const res = await send(who, route, fill(route.path, swap.params()));
      expectNotFound(res, swap.leak?.());
    },
  };
}

/** Files the caller may not read, at most one per library, so each kind of library is tried. */
function unreadableFiles(who: Caller): FileKey[] {
  const seen = new Set<string>();
  return fileKeys.filter((file) => {
    const lib = filePlans[file].library;
    const libKey = lib.type === 'group' ? lib.group : lib.type === 'profile' ? `p-${lib.owner}` : 'company';
    if (canRead(who, file) || seen.has(libKey)) return false;
    seen.add(libKey);
    return true;
  });
}

/** A file id in place of a file the caller may not read, a folder's, a random one. */
function fileIdSwaps(who: Caller): Swap[] {
  const rest = { version: '1', commentId: randomUUID(), shareId: randomUUID(), linkId: randomUUID() };
  return [
    ...unreadableFiles(who).map((file) => ({
      what: `the id of ${filePlans[file].label}`,
      params: () => ({ id: w().files[file].id, ...rest }),
      leak: () => w().files[file],
    })),
    { what: 'the id of a folder', params: () => ({ id: w().folders.kA, ...rest }) },
    { what: 'a random UUID', params: () => ({ id: randomUUID(), ...rest }) },
  ];
}

/** A folder id in place of a folder the caller may not read, a file's, a random one. */
function folderIdSwaps(who: Caller): Swap[] {
  const rest = { shareId: randomUUID() };
  const folders = (['sA', 'sB', 'pA', 'cA', 'kB'] as const).filter((key) => !folderReadable(who, key));
  return [
    ...folders.map((key) => ({
      what: `the id of the unreadable folder ${key}`,
      params: () => ({ id: w().folders[key], ...rest }),
    })),
    { what: 'the id of a file', params: () => ({ id: w().files.openRoot.id, ...rest }) },
    { what: 'a random UUID', params: () => ({ id: randomUUID(), ...rest }) },
  ];
}

/** Whether a world folder is readable by the caller: through its library or a share on it or above it. */
function folderReadable(who: Caller, key: 'sA' | 'sB' | 'pA' | 'cA' | 'kB'): boolean {
  // In this world a file below the folder (with no share of its own) is readable exactly when the folder is.
  const probe: Record<typeof key, FileKey> = {
    sA: 'secretDeep',
    sB: 'secretDeep',
    pA: 'uploaderDeep',
    cA: 'companyDeep',
    kB: 'closedDeep',
  };
  return canRead(who, probe[key]);
}

/** Libraries the caller may not read: the secret group's (unless a member), another person's. */
function librarySwaps(who: Caller, route: RouteSpec): Swap[] {
  if (route.path === '/libraries/groups/{id}') {
    const own = personPlans[who].groups.secret !== undefined;
    return [
      ...(own ? [] : [{ what: "the secret group's id", params: () => ({ id: w().groups.secret }) }]),
      { what: 'a person id', params: () => ({ id: idOf('member') }) },
      { what: 'a random UUID', params: () => ({ id: randomUUID() }) },
    ];
  }
  return [
    ...(who === 'member'
      ? []
      : [
          {
            what: "the member's id",
            params: () => ({ id: idOf('member') }),
            leak: () => w().files.memberOwn,
          },
        ]),
    { what: "the secret group's id", params: () => ({ id: w().groups.secret }) },
    { what: 'a random UUID', params: () => ({ id: randomUUID() }) },
  ];
}

/** The cells of the first layer: the object's own id swapped, for every route and caller. */
export function idSwapCells(): MatrixCell[] {
  const cells: MatrixCell[] = [];
  for (const who of idorCallers) {
    for (const route of fileRoutes) for (const swap of fileIdSwaps(who)) cells.push(cell(who, route, swap));
    for (const route of folderRoutes)
      for (const swap of folderIdSwaps(who)) cells.push(cell(who, route, swap));
    for (const route of routesWithIds.filter((r) => r.path.startsWith('/libraries/'))) {
      for (const swap of librarySwaps(who, route)) cells.push(cell(who, route, swap));
    }
    for (const route of routesWithIds.filter((r) => r.path.startsWith('/file-links/'))) {
      cells.push(
        cell(who, route, { what: 'a made-up token', params: () => ({ token: `made-up-${randomUUID()}` }) }),
      );
    }
  }
  return cells;
}

/** Ids of other files' comments, shares and links, written by `foreignThings`. */
export interface Foreign {
  secretComment: string;
  ownComment: string;
  memberOwnComment: string;
  fileShare: string;
  folderShare: string;
  companyShare: string;
}

let foreign: Foreign | undefined;

async function shareIdOf(target: { file?: string; folder?: string }): Promise<string> {
  const q = w().db.selectFrom('file_shares').select('id');
  const row = await (target.file
    ? q.where('file_id', '=', target.file)
    : q.where('folder_id', '=', target.folder!)
  ).executeTakeFirstOrThrow();
  return row.id;
}

/** Makes the other files' comments and reads the ids of their shares (before the second layer). */
export async function foreignThings(): Promise<Foreign> {
  const f = w().files;
  foreign = {
    secretComment: (
      await api(w().as.member, 'POST', `/files/${f.secretRoot.id}/comments`, { body: 'Secret remark' })
    ).id as string,
    ownComment: (
      await api(w().as.member, 'POST', `/files/${f.openRoot.id}/comments`, { body: 'Open remark' })
    ).id as string,
    memberOwnComment: (
      await api(w().as.member, 'POST', `/files/${f.memberOwn.id}/comments`, { body: 'Own remark' })
    ).id as string,
    fileShare: await shareIdOf({ file: f.secretPersonEdit.id }),
    folderShare: await shareIdOf({ folder: w().folders.sA }),
    companyShare: await shareIdOf({ file: f.companyDeptEdit.id }),
  };
  return foreign;
}

const route = (method: Method, path: string) => {
  const found = routesWithIds.find((r) => r.method === method && r.path === path);
  if (!found) throw new Error(`no route ${method} ${path}`);
  return found;
};

/**
 * The cells of the second layer: a file the caller may act on (the group admin on the open-group
 * file, the outside employee on the secret file shared to them for editing) with another file's
 * comment, share, link or a version it does not have.
 */
export function subResourceCells(): MatrixCell[] {
  const cells: MatrixCell[] = [];
  const pairs: [Caller, FileKey][] = [
    ['groupAdmin', 'openRoot'],
    ['nonMember', 'secretPersonEdit'],
  ];
  const theirs = () => foreign!;
  for (const [who, own] of pairs) {
    const id = () => w().files[own].id;
    const add = (
      r: RouteSpec,
      what: string,
      params: () => Record<string, string>,
      leak?: FileKey,
      query?: string,
    ) =>
      cells.push({
        name: `${personPlans[who].label} gets 404 from ${r.method} ${r.path} on ${filePlans[own].label} with ${what}`,
        async run() {
          const res = await send(who, r, `${fill(r.path, params())}${query ?? ''}`);
          expectNotFound(res, leak ? w().files[leak] : undefined);
        },
      });
    const comments: [string, () => string, FileKey][] = [
      ['a comment of the secret-group file', () => theirs().secretComment, 'secretRoot'],
      ["a comment of the member's own file", () => theirs().memberOwnComment, 'memberOwn'],
    ];
    if (own !== 'openRoot')
      comments.push(['a comment of the open-group file', () => theirs().ownComment, 'openRoot']);
    for (const [what, commentId, leak] of comments) {
      add(
        route('DELETE', '/files/{id}/comments/{commentId}'),
        what,
        () => ({ id: id(), commentId: commentId() }),
        leak,
      );
    }
    const shares: [string, () => string][] = [
      ['the share of the company file to Design', () => theirs().companyShare],
      ['the share of a secret folder to Design', () => theirs().folderShare],
    ];
    if (own !== 'secretPersonEdit')
      shares.push(['the share of the secret file to an employee', () => theirs().fileShare]);
    for (const [what, shareId] of shares) {
      add(route('DELETE', '/files/{id}/shares/{shareId}'), what, () => ({ id: id(), shareId: shareId() }));
    }
    for (const link of ['valid', 'revoked'] as const) {
      add(route('DELETE', '/files/{id}/links/{linkId}'), `the ${link} link of the secret-group file`, () => ({
        id: id(),
        linkId: w().links[link].id,
      }));
    }
    add(route('POST', '/files/{id}/versions/{version}/restore'), 'a version it does not have', () => ({
      id: id(),
      version: '99',
    }));
    for (const path of ['/files/{id}/content', '/files/{id}/text'] as const) {
      add(
        route('GET', path),
        '?version= of a version it does not have',
        () => ({ id: id() }),
        undefined,
        '?version=99',
      );
    }
  }
  cells.push({
    name: "a group admin gets 404 from DELETE /folders/{id}/shares/{shareId} on a closed-group folder with a file's share",
    async run() {
      const r = route('DELETE', '/folders/{id}/shares/{shareId}');
      const res = await send(
        'groupAdmin',
        r,
        fill(r.path, { id: w().folders.kA, shareId: theirs().fileShare }),
      );
      expectNotFound(res);
    },
  });
  const listings: [Caller, string, () => string, FileKey | undefined][] = [
    [
      'groupAdmin',
      'the open library with a closed-group folder',
      () => `/libraries/groups/${w().groups.open}?folderId=${w().folders.kB}`,
      'closedDeep',
    ],
    [
      'nonMember',
      'the open library with a secret-group folder',
      () => `/libraries/groups/${w().groups.open}?folderId=${w().folders.sB}`,
      'secretDeep',
    ],
    [
      'guest',
      'the company library with a secret-group folder',
      () => `/libraries/company?folderId=${w().folders.sB}`,
      'secretDeep',
    ],
    [
      'deptMember',
      "the company library with a folder of the uploader's library",
      () => `/libraries/company?folderId=${w().folders.pB}`,
      'uploaderDeep',
    ],
  ];
  for (const [who, what, url, leak] of listings) {
    cells.push({
      name: `${personPlans[who].label} gets 404 from a listing of ${what}`,
      async run() {
        const res = await call(w().t, w().as[who], { method: 'GET', url: `/api/v1${url()}` });
        expectNotFound(res, leak ? w().files[leak] : undefined);
      },
    });
  }
  cells.push({
    name: 'the other files keep their comments, shares and links after every swapped request',
    async run() {
      const db = w().db;
      const comments = await db
        .selectFrom('file_comments')
        .select(['id', 'deleted_at'])
        .where('id', 'in', [theirs().secretComment, theirs().memberOwnComment, theirs().ownComment])
        .execute();
      expect(comments.map((c) => c.deleted_at)).toEqual([null, null, null]);
      const shares = await db
        .selectFrom('file_shares')
        .select('id')
        .where('id', 'in', [theirs().fileShare, theirs().folderShare, theirs().companyShare])
        .execute();
      expect(shares).toHaveLength(3);
      const res = await call(w().t, w().as.guest, {
        method: 'GET',
        url: `/api/v1/file-links/${w().links.valid.token}`,
      });
      expect(res.statusCode, res.body).toBe(200);
    },
  });
  return cells;
}

/** Routes of the OpenAPI document with an id in their path that the table does not cover. */
export function uncoveredRoutes(doc: { paths: Record<string, Record<string, unknown>> }): string[] {
  const covered = new Set(routesWithIds.map((r) => `${r.method} /api/v1${r.path}`));
  return Object.entries(doc.paths)
    .filter(([path]) => /^\/api\/v1\/(files|folders|file-links|libraries)\b/.test(path) && path.includes('{'))
    .flatMap(([path, ops]) =>
      Object.keys(ops)
        .filter((m) => ['get', 'post', 'put', 'patch', 'delete'].includes(m))
        .map((m) => `${m.toUpperCase()} ${path}`),
    )
    .filter((r) => !covered.has(r));
}

export type { Json };

import type { ErrorCode } from '../../src/shared/errors.js';

/**
 * The vocabulary of the social authorisation table (social-access.test.ts): the callers, what a
 * cell expects, the builders rows use to say it briefly, and who reads and moderates what in
 * the world of social-access.factories.ts. The expectations are written out here, not derived
 * from the policies: where a route disagrees, the row keeps the rule and the route is the bug.
 */

/** The callers of every row, in the order of the acceptance point. */
export const callers = [
  'admin',
  'moderator',
  'groupAdmin',
  'groupModerator',
  'member',
  'guestMember',
  'nonMember',
  'guest',
  'deactivated',
  'anonymous',
] as const;
export type Caller = (typeof callers)[number];

/**
 * `allow`: a 2xx (for a list: with the object in it); `absent`: a 2xx without the object;
 * 401/403/404: refused with that status; an error code: refused with exactly that code (a
 * domain rule after the authorisation passed, or a refusal the route words its own way).
 */
export type Expect = 'allow' | 'absent' | 401 | 403 | 404 | ErrorCode;
export type Cells = Record<Caller, Expect>;

/** Members of every world group. */
export const M: Caller[] = ['groupAdmin', 'groupModerator', 'member', 'guestMember'];
/** The world groups' own moderators: their admin and their moderator. */
export const GM: Caller[] = ['groupAdmin', 'groupModerator'];
/** Employees in every world group. */
export const EM: Caller[] = ['groupAdmin', 'groupModerator', 'member'];
/** Active employees (not guests). */
export const E: Caller[] = ['admin', 'moderator', 'groupAdmin', 'groupModerator', 'member', 'nonMember'];
/** Employees and the guest member: who may know of the open and closed world groups. */
export const knowGroups: Caller[] = [...E, 'guestMember'];
/** Platform moderators and admins. */
export const P: Caller[] = ['admin', 'moderator'];
const active: Caller[] = callers.filter((c) => c !== 'deactivated' && c !== 'anonymous');

type Access = 'signed-in' | 'employee' | 'moderator' | 'admin';
const admittedBy: Record<Access, Caller[]> = {
  'signed-in': active,
  employee: E,
  moderator: P,
  admin: ['admin'],
};

/** The same expectation for each of `who`. */
export function each(who: Caller[], expected: Expect): Partial<Record<Caller, Expect>> {
  return Object.fromEntries(who.map((caller) => [caller, expected]));
}

/** Every active caller gets `rest` unless named in `spec`; deactivated and anonymous get 401. */
export function cellsOf(spec: Partial<Record<Caller, Expect>>, rest: Expect): Cells {
  const cells = { deactivated: 401, anonymous: 401 } as Cells;
  for (const caller of active) cells[caller] = spec[caller] ?? rest;
  return cells;
}

interface GateOptions {
  /** The route's coarse access: callers it does not admit get 403 whatever the object. */
  access?: Access;
  overrides?: Partial<Record<Caller, Expect>>;
}

/**
 * A single-object row: `allow` may act; `see` may see the object but not do this (403); the
 * rest may not know it exists (404).
 */
export function gate(allow: Caller[], see: Caller[] = [], options: GateOptions = {}): Cells {
  const spec: Partial<Record<Caller, Expect>> = {};
  for (const caller of see) spec[caller] = 403;
  for (const caller of allow) spec[caller] = 'allow';
  if (options.access) {
    for (const caller of active) if (!admittedBy[options.access].includes(caller)) spec[caller] = 403;
  }
  return cellsOf({ ...spec, ...options.overrides }, 404);
}

/** A list row: `allow` find the object in the list, the other active callers do not. */
export function list(allow: Caller[], options: GateOptions = {}): Cells {
  const spec: Partial<Record<Caller, Expect>> = {};
  for (const caller of allow) spec[caller] = 'allow';
  if (options.access) {
    for (const caller of active) if (!admittedBy[options.access].includes(caller)) spec[caller] = 403;
  }
  return cellsOf({ ...spec, ...options.overrides }, 'absent');
}

/** A row with no object in question: whoever the route's access admits may call it. */
export function byAccess(access: Access): Cells {
  return gate(admittedBy[access], active);
}

export type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** What one cell sends; `find` tells whether the object of the row is in the response. */
export interface Req {
  method: Method;
  url: string;
  payload?: unknown;
  headers?: Record<string, string>;
  find?: (body: Json) => boolean;
  /** Undoes what an allowed request did to the world (run whatever the answer). */
  after?: (status: number, body: Json) => Promise<void>;
}

/** One row: a route (as the OpenAPI document names it, without `/api/v1`) on one object. */
export interface Row {
  route: string;
  on: string;
  expect: Cells;
  request: (caller: Caller) => Promise<Req>;
}

export type Json = Record<string, unknown>;
export type GroupName = 'open' | 'closed' | 'secret';
export type Space = 'company' | 'profile' | GroupName | { groupId: string };

/** Who reads each world post (DESIGN.md "Who may see what", spaces.policy.ts). */
export const readers = {
  company: E,
  profile: E,
  open: [...E, 'guestMember'],
  closed: [...P, ...M],
  secret: M,
  sales: [...P, 'member'],
  secretHidden: GM,
  closedHidden: [...P, ...GM],
  companyHidden: P,
} satisfies Record<string, Caller[]>;
/** Who moderates content in each space of the world. */
export const moderatorsOf = { secret: GM, closed: [...P, ...GM], company: P } satisfies Record<
  string,
  Caller[]
>;

/** How test names call the world posts: `of the ${postName.secret}` → "of the secret-group post". */
export const postName: Record<keyof typeof readers, string> = {
  company: 'company post',
  profile: "post on the author's profile",
  open: 'open-group post',
  closed: 'closed-group post',
  secret: 'secret-group post',
  sales: 'announcement for Sales',
  secretHidden: 'hidden secret-group post',
  closedHidden: 'hidden closed-group post',
  companyHidden: 'hidden company post',
};

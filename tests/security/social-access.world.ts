import type { Db } from '../../src/server/platform/db/database.js';
import { call, type Person } from '../support/people.js';
import type { TestApp } from '../support/test-app.js';
import type { Caller, GroupName, Json, Method, Space } from './social-access.table.js';

/**
 * The world the social authorisation table runs in: its people, groups and posts, built once by
 * social-access.factories.ts `buildWorld`, and the small helpers rows use to reach it.
 *
 * Everyone who may is a member of the three world groups (open, closed, secret) except the
 * non-members; everyone follows the author and a followed topic, and one topic is a priority
 * topic — so the feeds have every reason to show a secret post, and must still not.
 */

export interface World {
  t: TestApp;
  db: Db;
  as: Record<Caller, Person | null>;
  /** Writes the world's content: an employee in every world group (not a caller). */
  author: Person;
  /** A platform moderator who publishes announcements, vacancies and banners (not a caller). */
  hr: Person;
  salesId: string;
  groups: Record<GroupName, { id: string; handle: string }>;
  posts: Record<
    | 'company'
    | 'profile'
    | GroupName
    | 'sales'
    | 'mustRead'
    | 'secretHidden'
    | 'closedHidden'
    | 'companyHidden'
    | 'secretLocked'
    | 'companyShare'
    | 'vacancy',
    string
  >;
  events: Record<'secret' | 'closed' | 'company', string>;
  polls: Record<'secret' | 'closed' | 'company' | 'secretAnonymous', { id: string; optionId: string }>;
  comments: { secret: string; secretHidden: string };
  uploads: Record<'secret' | 'company' | 'secretHidden' | 'loose', string>;
  banner: string;
  story: string;
}

let current: World | undefined;

/** Makes `built` the world rows see (buildWorld calls it as soon as the people exist). */
export function setWorld(built: World): void {
  current = built;
}

/** The world built by `buildWorld` (rows call this lazily, inside their tests). */
export function world(): World {
  if (!current) throw new Error('the world is built in beforeAll');
  return current;
}

let counter = 0;
export const next = () => ++counter;
export const now = () => new Date().toISOString();
export const days = (n: number) => new Date(Date.now() + n * 86_400_000).toISOString();

/** The caller's person, or the author for the anonymous caller (who owns nothing). */
export function idOf(caller: Caller): string {
  const w = world();
  return (w.as[caller] ?? w.author).id;
}

/** A request as `who` that must succeed; its JSON body (empty for a 204). */
export async function api(who: Person | null, method: Method, url: string, payload?: unknown): Promise<Json> {
  const res = await call(world().t, who, { method, url: `/api/v1${url}`, payload: payload as object });
  if (res.statusCode >= 300) throw new Error(`${method} ${url} → ${res.statusCode} ${res.body}`);
  return res.statusCode === 204 ? {} : (res.json() as Json);
}

/** `{ items: [...] }` of a list response. */
export function items(body: Json): Json[] {
  return (body.items as Json[] | undefined) ?? [];
}

/** Whether a list response holds the item `id`. */
export const hasItem =
  (id: string) =>
  (body: Json): boolean =>
    items(body).some((item) => item.id === id);

/** The `space` of a request body for a world space. */
export function spaceRef(space: Space): { type: string; id?: string } {
  const w = world();
  if (space === 'company' || space === 'profile') return { type: space };
  if (typeof space === 'string') return { type: 'group', id: w.groups[space].id };
  return { type: 'group', id: space.groupId };
}

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorCatalogue } from '../../src/shared/errors.js';
import { call } from '../support/people.js';
import { buildTestApp, type TestApp } from '../support/test-app.js';
import { commentRows } from './social-access.comments.js';
import { buildWorld } from './social-access.factories.js';
import { feedRows } from './social-access.feeds.js';
import { groupRows } from './social-access.groups.js';
import { kindRows } from './social-access.kinds.js';
import { moderationRows } from './social-access.moderation.js';
import { postRows } from './social-access.posts.js';
import { type Caller, callers, type Expect, type Json } from './social-access.table.js';
import { world } from './social-access.world.js';

/**
 * The authorisation table of the social features (issue 3): every route of groups, posts,
 * comments, reactions, shares, versions, uploads, the kinds of posts, moderation, banners,
 * stories, topics, the feeds and notifications, on the objects that matter (a secret group's,
 * a closed group's, the company's, hidden ones), against every caller: platform admin and
 * moderator, group admin and group moderator, member and guest member, non-member employee,
 * guest, deactivated person (with a session, admin rights and every membership) and anonymous.
 *
 * route-access.test.ts checks each route's coarse access with an empty body; this table is the
 * per-object layer above it. The oracle is written out in the rows: what a caller may not know
 * of answers 404 (or is absent from a list), what they see but may not do answers 403, and a
 * row that would change an object for later rows acts on a fresh one. Every cell is a test.
 */

/** The OpenAPI tags of the social features: each of their routes must have a row here. */
const socialTags = [
  'groups',
  'posts',
  'events',
  'polls',
  'announcements',
  'vacancies',
  'moderation',
  'banners',
  'stories',
  'topics',
  'feed',
  'notifications',
];

const rows = [...groupRows, ...postRows, ...commentRows, ...kindRows, ...moderationRows, ...feedRows];

function label(expected: Expect): string {
  if (expected === 'allow') return 'allow';
  if (expected === 'absent') return 'deny (absent)';
  if (typeof expected === 'number') return `deny (${expected})`;
  const status = errorCatalogue[expected].status;
  return status === 403 || status === 404 ? `deny (${status} ${expected})` : `${expected} (${status})`;
}

let t: TestApp;
let operations: { route: string; tags: string[] }[] = [];

beforeAll(async () => {
  t = await buildTestApp();
  await buildWorld(t);
  const doc = (await t.app.inject('/api/v1/openapi.json')).json() as {
    paths: Record<string, Record<string, { tags?: string[] }>>;
  };
  operations = Object.entries(doc.paths).flatMap(([path, ops]) =>
    Object.entries(ops)
      .filter(([method]) => ['get', 'post', 'put', 'patch', 'delete'].includes(method))
      .map(([method, op]) => ({ route: `${method.toUpperCase()} ${path}`, tags: op.tags ?? [] })),
  );
}, 120_000);
afterAll(async () => {
  await t?.close();
});

describe('the table', () => {
  it('has a row for every route of the social features, and no row for a route that does not exist', () => {
    const covered = new Set(rows.map((row) => row.route.replace(' ', ' /api/v1')));
    const social = operations.filter((op) => op.tags.some((tag) => socialTags.includes(tag)));
    expect(social.length).toBeGreaterThanOrEqual(80);
    expect(social.map((op) => op.route).filter((route) => !covered.has(route))).toEqual([]);
    const served = new Set(operations.map((op) => op.route));
    expect([...covered].filter((route) => !served.has(route))).toEqual([]);
  });

  it('answers a shared post that cannot be read as one that does not exist', async () => {
    const res = await call(t, world().as.nonMember, {
      method: 'POST',
      url: '/api/v1/posts',
      payload: { space: { type: 'company' }, sharedPostId: '01900000-0000-7000-8000-000000000000' },
    });
    expect(res.json().code, res.body).toBe('SHARED_POST_NOT_FOUND');
  });
});

const cases = rows.flatMap((row) =>
  callers.map((caller: Caller) => ({
    name: `${row.route} ${row.on} as ${caller} → ${label(row.expect[caller])}`,
    row,
    caller,
  })),
);

describe('who may do what to which object', () => {
  it.each(cases.map((c) => [c.name, c] as const))('%s', async (_, { row, caller }) => {
    const req = await row.request(caller);
    const res = await call(t, world().as[caller], {
      method: req.method,
      url: `/api/v1${req.url}`,
      headers: req.headers,
      payload: req.payload as object | undefined,
    });
    if (req.after) await req.after(res.statusCode, res.statusCode < 300 ? (res.json() as Json) : {});
    const expected = row.expect[caller];
    const detail = `${req.method} ${req.url} → ${res.statusCode} ${res.body.slice(0, 500)}`;
    expect(res.statusCode, detail).toBeLessThan(500);
    if (expected === 'allow' || expected === 'absent') {
      expect(res.statusCode, detail).toBeGreaterThanOrEqual(200);
      expect(res.statusCode, detail).toBeLessThan(300);
      if (req.find) expect(req.find(res.json() as Json), detail).toBe(expected === 'allow');
      else expect(expected, 'an "absent" cell needs a row that looks for its object').toBe('allow');
    } else if (typeof expected === 'number') {
      expect(res.statusCode, detail).toBe(expected);
      expect(res.headers['content-type'], detail).toContain('application/problem+json');
    } else {
      expect(res.statusCode, detail).toBe(errorCatalogue[expected].status);
      expect((res.json() as Json).code, detail).toBe(expected);
    }
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Access } from '../../src/server/platform/http/access.js';
import { setupThroughApi } from '../support/auth-helpers.js';
import { insertUser, openSession } from '../support/session.js';
import { buildTestApp, type TestApp } from '../support/test-app.js';

/**
 * Every API route against every kind of caller, with an oracle written here independently of
 * the routes' own declarations. The route list comes from the OpenAPI document, so a new route
 * without a line in this table fails the test until someone decides who may call it.
 * Requests carry an empty body: refusals (401/403) must come before validation, and nothing is
 * changed by the allowed callers, who may get 400/404 but never a 401 or a 5xx.
 */
const oracle: Record<string, Access> = {
  'GET /api/v1/setup': 'public',
  'POST /api/v1/setup': 'public',
  'POST /api/v1/auth/register': 'public',
  'POST /api/v1/auth/verify-email': 'public',
  'POST /api/v1/auth/login': 'public',
  'POST /api/v1/auth/logout': 'public',
  'POST /api/v1/auth/password/forgot': 'public',
  'POST /api/v1/auth/password/reset': 'public',
  'GET /api/v1/auth/password-policy': 'public',
  'GET /api/v1/me': 'signed-in',
  'PATCH /api/v1/me/locale': 'signed-in',
  'POST /api/v1/me/password': 'signed-in',
  'GET /api/v1/me/sessions': 'signed-in',
  'DELETE /api/v1/me/sessions/{id}': 'signed-in',
  'GET /api/v1/admin/password-policy': 'admin',
  'PUT /api/v1/admin/password-policy': 'admin',
  'GET /api/v1/admin/allowed-domains': 'admin',
  'PUT /api/v1/admin/allowed-domains': 'admin',
  'GET /api/v1/admin/company': 'admin',
  'PUT /api/v1/admin/company': 'admin',
  'POST /api/v1/admin/imports/users': 'admin',
  'POST /api/v1/admin/seed-demo': 'admin',
  'GET /api/v1/users': 'employee',
  'POST /api/v1/users': 'admin',
  'GET /api/v1/users/{id}': 'signed-in',
  'PATCH /api/v1/users/{id}': 'signed-in',
  'POST /api/v1/users/{id}/deactivate': 'admin',
  'POST /api/v1/users/{id}/reactivate': 'admin',
  'PUT /api/v1/users/{id}/role': 'admin',
  'DELETE /api/v1/users/{id}/sessions': 'admin',
  'GET /api/v1/users/{id}/photo': 'signed-in',
  'PUT /api/v1/users/{id}/photo': 'signed-in',
  'DELETE /api/v1/users/{id}/photo': 'signed-in',
  'POST /api/v1/users/{id}/follow': 'employee',
  'DELETE /api/v1/users/{id}/follow': 'employee',
  'GET /api/v1/users/{id}/followers': 'employee',
  'GET /api/v1/users/{id}/following': 'employee',
  'GET /api/v1/users/{id}/reports': 'employee',
  'GET /api/v1/org-chart/managers': 'employee',
  'GET /api/v1/skills': 'employee',
  'GET /api/v1/departments': 'employee',
  'POST /api/v1/departments': 'admin',
  'PATCH /api/v1/departments/{id}': 'admin',
  'DELETE /api/v1/departments/{id}': 'admin',
};

/** A well-formed value for each path parameter: the route must answer 404, not 400, to it. */
const samplePathParams: Record<string, string> = {
  id: '01900000-0000-7000-8000-000000000000',
  commentId: '01900000-0000-7000-8000-000000000001',
  userId: '01900000-0000-7000-8000-000000000002',
  tag: 'onboarding',
  emoji: '👍',
};

type Caller = 'anonymous' | 'deactivated' | 'guest' | 'employee' | 'moderator' | 'admin';
const callers: Caller[] = ['anonymous', 'deactivated', 'guest', 'employee', 'moderator', 'admin'];

function admits(access: Access, caller: Caller): boolean {
  if (access === 'public') return true;
  if (caller === 'anonymous' || caller === 'deactivated') return false;
  switch (access) {
    case 'signed-in':
      return true;
    case 'employee':
      return caller !== 'guest';
    case 'moderator':
      return caller === 'moderator' || caller === 'admin';
    case 'admin':
      return caller === 'admin';
  }
}

let t: TestApp;
const people = new Map<Caller, string>();
let routes: string[] = [];

beforeAll(async () => {
  t = await buildTestApp();
  const setup = await setupThroughApi(t);
  people.set('admin', setup.userId);
  const db = t.app.database.db;
  for (const role of ['guest', 'employee', 'moderator'] as const) {
    people.set(role, (await insertUser(db, { role })).id);
  }
  people.set('deactivated', (await insertUser(db, { role: 'admin', status: 'deactivated' })).id);
  const doc = (await t.app.inject('/api/v1/openapi.json')).json() as {
    paths: Record<string, Record<string, unknown>>;
  };
  routes = Object.entries(doc.paths)
    .flatMap(([path, ops]) =>
      Object.keys(ops)
        .filter((m) => ['get', 'post', 'put', 'patch', 'delete'].includes(m))
        .map((m) => `${m.toUpperCase()} ${path}`),
    )
    .filter((route) => route.includes(' /api/v1/'));
});
afterAll(async () => {
  await t.close();
});

describe('who may call which route', () => {
  it('the oracle names exactly the routes the app serves', () => {
    expect([...routes].sort()).toEqual(Object.keys(oracle).sort());
  });

  const cases = Object.entries(oracle).flatMap(([route, access]) =>
    callers.map((caller) => ({ route, access, caller })),
  );
  it.each(cases)('$route as $caller ($access)', async ({ route, access, caller }) => {
    const [method, path] = route.split(' ') as [string, string];
    const url = path.replace(/\{(\w+)\}/g, (_, name: string) =>
      encodeURIComponent(samplePathParams[name] ?? 'x'),
    );
    // A session of its own per case: the sign-out route ends the session that calls it.
    const userId = people.get(caller);
    const session = userId ? await openSession(t.app.database.db, userId) : null;
    const res = await t.app.inject({
      method: method as 'GET',
      url,
      headers: {
        ...(session?.headers ?? {}),
        ...(method === 'GET' ? {} : { 'content-type': 'application/json' }),
      },
      ...(method === 'GET' ? {} : { payload: '{}' }),
    });
    expect(res.statusCode, res.body).toBeLessThan(500);
    if (admits(access, caller)) {
      // Admitted callers may still be refused by a feature's per-object policy (a guest opening
      // someone else's profile), or get 400/404 for the empty body and unknown id.
      expect(res.statusCode, res.body).not.toBe(401);
    } else {
      const expected = caller === 'anonymous' || caller === 'deactivated' ? 401 : 403;
      expect(res.statusCode, res.body).toBe(expected);
      expect(res.headers['content-type']).toContain('application/problem+json');
    }
  });
});

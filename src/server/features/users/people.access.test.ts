import type { InjectOptions } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { csv, encode, multipart } from '../../../../tests/support/csv-files.js';
import {
  type Caller,
  call,
  callers,
  type Person,
  personFor,
  signedIn,
} from '../../../../tests/support/people.js';
import { buildTestApp, type TestApp } from '../../../../tests/support/test-app.js';

/**
 * Every route of the people, departments, import and seed slices against every kind of caller
 * (DESIGN.md: "tests that walk the matrix of roles against every route"). Anonymous and
 * deactivated callers get 401; callers the policy refuses get 403; the others succeed.
 */

let t: TestApp;
let admin: Person;
let target: Person;
const png = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(16)]);

beforeAll(async () => {
  t = await buildTestApp();
  admin = await signedIn(t, 'admin');
  target = await signedIn(t, 'employee');
  await call(t, target, {
    method: 'PUT',
    url: `/api/v1/users/${target.id}/photo`,
    payload: png,
    headers: { 'content-type': 'image/png' },
  });
});
afterAll(async () => {
  await t.close();
});

const members: Caller[] = ['admin', 'moderator', 'employee'];
const everyone: Caller[] = ['admin', 'moderator', 'employee', 'guest'];
const admins: Caller[] = ['admin'];
const fresh = async () => (await signedIn(t, 'employee')).id;
const department = async () =>
  (
    await call(t, admin, {
      method: 'POST',
      url: '/api/v1/departments',
      payload: { name: `D ${Math.random()}` },
    })
  ).json().id as string;

type Route = [string, Caller[], (me: Person | null) => Promise<InjectOptions>];
const routes: Route[] = [
  ['GET /users', members, async () => ({ url: '/api/v1/users' })],
  [
    'POST /users',
    admins,
    async () => ({
      method: 'POST',
      url: '/api/v1/users',
      payload: { email: `n${Math.random()}@corp.test`, name: 'N' },
    }),
  ],
  ['GET /users/{id}', members, async () => ({ url: `/api/v1/users/${target.id}` })],
  [
    'PATCH /users/{id} (other)',
    admins,
    async () => ({ method: 'PATCH', url: `/api/v1/users/${target.id}`, payload: { city: 'A' } }),
  ],
  [
    'PATCH /users/{id} (self)',
    everyone,
    async (me) => ({ method: 'PATCH', url: `/api/v1/users/${me?.id ?? target.id}`, payload: { city: 'B' } }),
  ],
  [
    'POST /users/{id}/deactivate',
    admins,
    async () => ({ method: 'POST', url: `/api/v1/users/${await fresh()}/deactivate` }),
  ],
  [
    'POST /users/{id}/reactivate',
    admins,
    async () => {
      const id = await fresh();
      await call(t, admin, { method: 'POST', url: `/api/v1/users/${id}/deactivate` });
      return { method: 'POST', url: `/api/v1/users/${id}/reactivate` };
    },
  ],
  [
    'PUT /users/{id}/role',
    admins,
    async () => ({
      method: 'PUT',
      url: `/api/v1/users/${await fresh()}/role`,
      payload: { role: 'moderator' },
    }),
  ],
  [
    'PUT /users/{id}/photo (self)',
    everyone,
    async (me) => ({
      method: 'PUT',
      url: `/api/v1/users/${me?.id ?? target.id}/photo`,
      payload: png,
      headers: { 'content-type': 'image/png' },
    }),
  ],
  ['GET /users/{id}/photo', members, async () => ({ url: `/api/v1/users/${target.id}/photo` })],
  [
    'DELETE /users/{id}/photo (self)',
    everyone,
    async (me) => ({ method: 'DELETE', url: `/api/v1/users/${me?.id ?? target.id}/photo` }),
  ],
  [
    'POST /users/{id}/follow',
    members,
    async () => ({ method: 'POST', url: `/api/v1/users/${target.id}/follow` }),
  ],
  [
    'DELETE /users/{id}/follow',
    members,
    async () => ({ method: 'DELETE', url: `/api/v1/users/${target.id}/follow` }),
  ],
  ['GET /users/{id}/followers', members, async () => ({ url: `/api/v1/users/${target.id}/followers` })],
  ['GET /users/{id}/following', members, async () => ({ url: `/api/v1/users/${target.id}/following` })],
  ['GET /users/{id}/reports', members, async () => ({ url: `/api/v1/users/${target.id}/reports` })],
  ['GET /org-chart/managers', members, async () => ({ url: '/api/v1/org-chart/managers' })],
  ['GET /skills', members, async () => ({ url: '/api/v1/skills?q=a' })],
  ['GET /departments', members, async () => ({ url: '/api/v1/departments' })],
  [
    'POST /departments',
    admins,
    async () => ({ method: 'POST', url: '/api/v1/departments', payload: { name: `X ${Math.random()}` } }),
  ],
  [
    'PATCH /departments/{id}',
    admins,
    async () => ({
      method: 'PATCH',
      url: `/api/v1/departments/${await department()}`,
      payload: { name: `Y ${Math.random()}` },
    }),
  ],
  [
    'DELETE /departments/{id}',
    admins,
    async () => ({ method: 'DELETE', url: `/api/v1/departments/${await department()}` }),
  ],
  [
    'POST /admin/imports/users',
    admins,
    async () => ({
      method: 'POST',
      url: '/api/v1/admin/imports/users?dryRun=true',
      ...multipart(
        encode(
          csv([
            ['email', 'name'],
            ['m@corp.test', 'M'],
          ]),
          'utf-8',
        ),
      ),
    }),
  ],
  [
    'POST /admin/seed-demo',
    admins,
    async () => ({ method: 'POST', url: '/api/v1/admin/seed-demo', payload: { users: 10 } }),
  ],
];

const cases = routes.flatMap(([name, allowed, build]) =>
  callers.map((caller) => ({ name, caller, allowed, build })),
);

describe('roles × routes', () => {
  it.each(cases)('$name as $caller', async ({ caller, allowed, build }) => {
    const me = await personFor(t, caller);
    const res = await call(t, me, await build(me));
    const expected =
      caller === 'anonymous' || caller === 'deactivated' ? 401 : allowed.includes(caller) ? 'ok' : 403;
    if (expected === 'ok') expect(res.statusCode, res.body).toBeLessThan(300);
    else expect(res.statusCode, res.body).toBe(expected);
    expect(res.headers['content-type'] ?? '').not.toContain('text/html');
  });
});

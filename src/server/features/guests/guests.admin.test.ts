import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { csv, encode, importFile } from '../../../../tests/support/csv-files.js';
import { call, type Person, signedIn } from '../../../../tests/support/people.js';
import { openSession } from '../../../../tests/support/session.js';
import { buildTestApp, systemCtx, type TestApp } from '../../../../tests/support/test-app.js';
import { guestLimits } from '../../../shared/api/guests.js';
import { type ErrorCode, errorMessage } from '../../../shared/errors.js';
import { expireGuests } from './guests.jobs.js';

/**
 * Guests an administrator makes (R04): created through `POST /users`, by a role change, or by
 * the CSV import, they get an access end like invited guests — the default lifetime unless one
 * is chosen, bounded as invitations are — which the admin sets or extends, which is cleared
 * when the guest becomes an employee again, and which the expiry job honours.
 */

let t: TestApp;
let admin: Person;
const minute = 60_000;
const day = 86_400_000;
let counter = 0;

beforeAll(async () => {
  t = await buildTestApp();
  admin = await signedIn(t, 'admin');
});
afterAll(async () => {
  await t.close();
});
afterEach(() => {
  vi.useRealTimers();
});

const db = () => t.database.handle.db;
const user = (id: string) =>
  db().selectFrom('users').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
const address = () => `outside${++counter}.${Date.now()}@partner.example`;

/** `accessExpiresAt` is the default lifetime from about now (the request took a moment). */
function expectDefaultEnd(accessExpiresAt: string | null, from = Date.now()) {
  expect(accessExpiresAt).not.toBeNull();
  const expected = from + guestLimits.defaultAccessDays * day;
  expect(Math.abs(Date.parse(accessExpiresAt!) - expected)).toBeLessThan(minute);
}

async function ledgerOf(id: string, action: string) {
  const rows = await db()
    .selectFrom('ledger')
    .select(['payload'])
    .where('subject_id', '=', id)
    .where('action', '=', action)
    .orderBy('seq')
    .execute();
  return rows.map((r) => JSON.parse(r.payload));
}

function create(body: Record<string, unknown>, who: Person = admin) {
  return call(t, who, {
    method: 'POST',
    url: '/api/v1/users',
    payload: { email: address(), name: 'Outside Partner', ...body },
  });
}

const setRole = (id: string, body: Record<string, unknown>) =>
  call(t, admin, { method: 'PUT', url: `/api/v1/users/${id}/role`, payload: body });

describe('every way of making a guest gives an access end', () => {
  it('POST /users: the default lifetime, or the chosen date; employees get none', async () => {
    const res = await create({ role: 'guest' });
    expect(res.statusCode, res.body).toBe(201);
    expectDefaultEnd(res.json().accessExpiresAt);
    expect((await user(res.json().id)).access_expires_at).toBe(res.json().accessExpiresAt);
    expect((await ledgerOf(res.json().id, 'user.created'))[0]).toMatchObject({
      role: 'guest',
      accessExpiresAt: res.json().accessExpiresAt,
    });

    const chosen = new Date(Date.now() + 30 * day).toISOString();
    const dated = await create({ role: 'guest', accessExpiresAt: chosen });
    expect(dated.statusCode).toBe(201);
    expect(dated.json().accessExpiresAt).toBe(chosen);

    const employee = await create({});
    expect(employee.json().accessExpiresAt).toBeNull();
    expect((await user(employee.json().id)).access_expires_at).toBeNull();
  });

  it('a role change to guest sets it; back to employee clears it', async () => {
    const person = (await create({})).json();
    const toGuest = await setRole(person.id, { role: 'guest' });
    expect(toGuest.statusCode, toGuest.body).toBe(200);
    expectDefaultEnd(toGuest.json().accessExpiresAt);
    expect((await ledgerOf(person.id, 'user.role.changed')).at(-1)).toMatchObject({
      before: 'employee',
      after: 'guest',
      accessExpiresAt: toGuest.json().accessExpiresAt,
    });

    const back = await setRole(person.id, { role: 'employee' });
    expect(back.statusCode).toBe(200);
    expect(back.json().accessExpiresAt).toBeNull();
    expect((await user(person.id)).access_expires_at).toBeNull();
    expect((await ledgerOf(person.id, 'user.role.changed')).at(-1)).toMatchObject({
      before: 'guest',
      after: 'employee',
      accessExpiresAt: null,
    });

    const chosen = new Date(Date.now() + 10 * day).toISOString();
    const dated = await setRole(person.id, { role: 'guest', accessExpiresAt: chosen });
    expect(dated.json().accessExpiresAt).toBe(chosen);
    // Already a guest: the same call moves the date.
    const later = new Date(Date.now() + 200 * day).toISOString();
    const moved = await setRole(person.id, { role: 'guest', accessExpiresAt: later });
    expect(moved.statusCode).toBe(200);
    expect(moved.json().accessExpiresAt).toBe(later);
  });

  it('the CSV import: new guests and people made guests get it; made employees lose it', async () => {
    const header = ['email', 'name', 'role'];
    const [a, b] = [address(), address()];
    const first = await importFile(
      t,
      admin,
      encode(csv([header, [a, 'Guest From Csv', 'guest'], [b, 'Employee From Csv', 'employee']]), 'utf-8'),
      'dryRun=false',
    );
    expect(first.statusCode, first.body).toBe(200);
    const byEmail = (email: string) =>
      db().selectFrom('users').selectAll().where('email', '=', email).executeTakeFirstOrThrow();
    expectDefaultEnd((await byEmail(a)).access_expires_at);
    expect((await byEmail(b)).access_expires_at).toBeNull();

    const second = await importFile(
      t,
      admin,
      encode(csv([header, [a, 'Guest From Csv', 'employee'], [b, 'Employee From Csv', 'guest']]), 'utf-8'),
      'dryRun=false',
    );
    expect(second.statusCode, second.body).toBe(200);
    expect((await byEmail(a)).access_expires_at).toBeNull();
    expectDefaultEnd((await byEmail(b)).access_expires_at);
  });
});

describe('the administrator sets and extends it', () => {
  it('PATCH /users/{id}: moves a guest’s end, recorded; admins only', async () => {
    const guest = (await create({ role: 'guest' })).json();
    const later = new Date(Date.now() + 300 * day).toISOString();
    const res = await call(t, admin, {
      method: 'PATCH',
      url: `/api/v1/users/${guest.id}`,
      payload: { accessExpiresAt: later },
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().accessExpiresAt).toBe(later);
    expect(await ledgerOf(guest.id, 'guest.access_changed')).toMatchObject([
      { before: guest.accessExpiresAt, after: later, via: 'admin' },
    ]);

    const employee = await signedIn(t);
    const refused = await call(t, employee, {
      method: 'PATCH',
      url: `/api/v1/users/${employee.id}`,
      payload: { accessExpiresAt: later },
    });
    expect(refused.statusCode).toBe(403);
  });

  it('refuses bad dates with 400 and a readable message on the field', async () => {
    const guest = (await create({ role: 'guest' })).json();
    const employee = (await create({})).json();
    const patch = (id: string, accessExpiresAt: string) =>
      call(t, admin, { method: 'PATCH', url: `/api/v1/users/${id}`, payload: { accessExpiresAt } });
    const cases: [string, ReturnType<typeof create>, ErrorCode | null][] = [
      ['past', patch(guest.id, new Date(Date.now() - 1000).toISOString()), 'GUEST_EXPIRY_PAST'],
      ['too far', patch(guest.id, new Date(Date.now() + 366 * day).toISOString()), 'GUEST_EXPIRY_TOO_FAR'],
      ['not a date', patch(guest.id, 'next tuesday'), null],
      ['not a guest', patch(employee.id, new Date(Date.now() + day).toISOString()), 'GUEST_EXPIRY_NOT_GUEST'],
      [
        'create, past',
        create({ role: 'guest', accessExpiresAt: new Date(Date.now() - day).toISOString() }),
        'GUEST_EXPIRY_PAST',
      ],
      [
        'create, not a guest',
        create({ accessExpiresAt: new Date(Date.now() + day).toISOString() }),
        'GUEST_EXPIRY_NOT_GUEST',
      ],
      [
        'role, too far',
        setRole(employee.id, {
          role: 'guest',
          accessExpiresAt: new Date(Date.now() + 400 * day).toISOString(),
        }),
        'GUEST_EXPIRY_TOO_FAR',
      ],
      [
        'role, not a guest',
        setRole(guest.id, { role: 'moderator', accessExpiresAt: new Date(Date.now() + day).toISOString() }),
        'GUEST_EXPIRY_NOT_GUEST',
      ],
    ];
    for (const [name, pending, code] of cases) {
      const res = await pending;
      expect(res.statusCode, name).toBe(400);
      const body = res.json();
      expect(
        body.errors.map((e: { field: string }) => e.field),
        name,
      ).toContain('accessExpiresAt');
      expect(body.errors[0].message.length, name).toBeGreaterThan(10);
      if (code) {
        expect(body.code, name).toBe(code);
        expect(body.detail, name).toBe(errorMessage(code, 'en', { days: guestLimits.maxAccessDays }));
      }
    }
    // Nothing changed.
    expect((await user(guest.id)).access_expires_at).toBe(guest.accessExpiresAt);
    expect((await user(employee.id)).role).toBe('employee');
  });
});

describe('the expiry job treats them like invited guests', () => {
  it('deactivates an administrator-made guest at their end and ends their sessions', async () => {
    const end = new Date(Date.now() + 2 * minute).toISOString();
    const made = await create({ role: 'guest', accessExpiresAt: end });
    const guestId = made.json().id as string;
    const session = await openSession(db(), guestId);
    const me = () => t.app.inject({ url: '/api/v1/me', headers: session.headers });
    expect((await me()).statusCode).toBe(200);

    vi.useFakeTimers({ toFake: ['Date'], now: Date.parse(end) - 1000 });
    expect(await expireGuests(systemCtx(t))).toBe(0);
    vi.setSystemTime(Date.parse(end) + 1000);
    expect(await expireGuests(systemCtx(t))).toBeGreaterThanOrEqual(1);
    expect(await user(guestId)).toMatchObject({ status: 'deactivated', deactivated_via: 'expiry' });
    expect(await ledgerOf(guestId, 'guest.expired')).toMatchObject([{ accessExpiresAt: end }]);
    expect((await me()).statusCode).toBe(401);

    // Reactivated by the admin, they come back with a fresh lifetime, not into the next expiry run.
    const back = await call(t, admin, { method: 'POST', url: `/api/v1/users/${guestId}/reactivate` });
    expect(back.statusCode).toBe(200);
    expectDefaultEnd(back.json().accessExpiresAt, Date.now());
    expect(await expireGuests(systemCtx(t))).toBe(0);
    expect((await user(guestId)).status).toBe('active');
  });

  it('a guest made an employee is never expired', async () => {
    const end = new Date(Date.now() + minute).toISOString();
    const guestId = (await create({ role: 'guest', accessExpiresAt: end })).json().id as string;
    expect((await setRole(guestId, { role: 'employee' })).statusCode).toBe(200);
    vi.useFakeTimers({ toFake: ['Date'], now: Date.parse(end) + day });
    await expireGuests(systemCtx(t));
    expect((await user(guestId)).status).toBe('active');
  });
});

describe('who sees the access end', () => {
  it('administrators and the guest; colleagues do not', async () => {
    const guest = await signedIn(t, 'guest');
    const end = new Date(Date.now() + 5 * day).toISOString();
    await db().updateTable('users').set({ access_expires_at: end }).where('id', '=', guest.id).execute();
    const colleague = await signedIn(t);
    const profile = (who: Person) => call(t, who, { method: 'GET', url: `/api/v1/users/${guest.id}` });
    expect((await profile(admin)).json().accessExpiresAt).toBe(end);
    expect((await profile(guest)).json().accessExpiresAt).toBe(end);
    expect((await profile(colleague)).json().accessExpiresAt).toBeNull();

    const listed = async (who: Person) => {
      const res = await call(t, who, {
        method: 'GET',
        url: `/api/v1/users?q=${encodeURIComponent(guest.email)}`,
      });
      return res.json().items.find((u: { id: string }) => u.id === guest.id);
    };
    expect((await listed(admin))?.accessExpiresAt).toBe(end);
    const seenByColleague = await listed(colleague);
    if (seenByColleague) expect(seenByColleague.accessExpiresAt).toBeNull();
  });
});

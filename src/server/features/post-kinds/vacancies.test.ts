import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, type Person, signedIn } from '../../../../tests/support/people.js';
import { buildTestApp, type TestApp } from '../../../../tests/support/test-app.js';

let t: TestApp;
let admin: Person;
let hr: Person;
let employee: Person;
let engineering: string;

const missing = '01900000-0000-7000-8000-00000000abcd';

beforeAll(async () => {
  t = await buildTestApp();
  admin = await signedIn(t, 'admin');
  hr = await signedIn(t, 'moderator', { name: 'HR Person' });
  employee = await signedIn(t, 'employee', { name: 'Kind Referrer' });
  const dep = await call(t, admin, {
    method: 'POST',
    url: '/api/v1/departments',
    payload: { name: 'Engineering' },
  });
  engineering = dep.json().id;
});
afterAll(async () => {
  await t.close();
});

async function publish(payload: Record<string, unknown> = {}) {
  const res = await call(t, hr, {
    method: 'POST',
    url: '/api/v1/vacancies',
    payload: { body: 'We are hiring.', title: 'Backend developer', ...payload },
  });
  if (res.statusCode !== 201) throw new Error(`publish failed: ${res.statusCode} ${res.body}`);
  return res.json();
}

const refer = (who: Person | null, postId: string, payload: Record<string, unknown>) =>
  call(t, who, { method: 'POST', url: `/api/v1/posts/${postId}/referrals`, payload });

describe('POST /vacancies', () => {
  it('publishes a vacancy in the company space with its department, in the ledger', async () => {
    const closesAt = new Date(Date.now() + 30 * 86_400_000).toISOString();
    const post = await publish({ departmentId: engineering, location: 'Remote', closesAt });
    expect(post.kind).toBe('vacancy');
    expect(post.space.type).toBe('company');
    expect(post.vacancy).toEqual({
      title: 'Backend developer',
      department: { id: engineering, name: 'Engineering' },
      location: 'Remote',
      closesAt,
      closed: false,
      referralCount: 0,
      myReferralCount: 0,
      abilities: { refer: true, listReferrals: true },
    });
    const seen = (await call(t, employee, { url: `/api/v1/posts/${post.id}` })).json().vacancy;
    expect(seen).toMatchObject({ referralCount: null, abilities: { refer: true, listReferrals: false } });
    const entry = await t.database.handle.db
      .selectFrom('ledger')
      .select('payload')
      .where('action', '=', 'post.created')
      .where('subject_id', '=', post.id)
      .executeTakeFirstOrThrow();
    expect(JSON.parse(entry.payload).vacancy).toMatchObject({
      title: 'Backend developer',
      departmentId: engineering,
    });
  });

  it('is for administrators and moderators (401/403) and checks its input (400)', async () => {
    const payload = { body: 'x', title: 'Job' };
    expect((await call(t, null, { method: 'POST', url: '/api/v1/vacancies', payload })).statusCode).toBe(401);
    for (const who of [employee, await signedIn(t, 'guest')]) {
      expect((await call(t, who, { method: 'POST', url: '/api/v1/vacancies', payload })).statusCode).toBe(
        403,
      );
    }
    const cases: [Record<string, unknown>, string][] = [
      [{ title: ' \u200b' }, 'KIND_TITLE_EMPTY'],
      [{ departmentId: missing }, 'REFERENCED_DEPARTMENT_NOT_FOUND'],
      [{ closesAt: new Date(Date.now() - 1000).toISOString() }, 'CLOSING_TIME_PAST'],
      [{ title: undefined }, 'VALIDATION_FAILED'],
    ];
    for (const [patch, code] of cases) {
      const res = await call(t, admin, {
        method: 'POST',
        url: '/api/v1/vacancies',
        payload: { ...payload, ...patch },
      });
      expect(res.statusCode, JSON.stringify(patch)).toBe(400);
      expect(res.json().code).toBe(code);
    }
  });
});

describe('referrals', () => {
  it('takes a recommendation from any employee, normalises the e-mail and writes it to the ledger', async () => {
    const post = await publish();
    const res = await refer(employee, post.id, {
      candidateName: '  Мария   Иванова ',
      candidateEmail: ' Maria.Ivanova@EXAMPLE.com ',
      candidatePhone: '+7 900 000-00-00',
      note: 'Worked with her\nfor two years.',
    });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({
      referrer: { id: employee.id, name: 'Kind Referrer' },
      candidateName: 'Мария   Иванова',
      candidateEmail: 'maria.ivanova@example.com',
      candidatePhone: '+7 900 000-00-00',
      note: 'Worked with her\nfor two years.',
    });
    const entry = await t.database.handle.db
      .selectFrom('ledger')
      .select(['payload', 'actor_id'])
      .where('action', '=', 'referral.created')
      .where('subject_id', '=', res.json().id)
      .executeTakeFirstOrThrow();
    expect(entry.actor_id).toBe(employee.id);
    expect(JSON.parse(entry.payload)).toMatchObject({
      postId: post.id,
      candidateEmail: 'maria.ivanova@example.com',
    });
    const again = await refer(await signedIn(t, 'employee'), post.id, {
      candidateName: 'Maria',
      candidateEmail: 'MARIA.IVANOVA@example.com',
    });
    expect(again.statusCode).toBe(409);
    expect(again.json().code).toBe('REFERRAL_DUPLICATE');
    const mine = (await call(t, employee, { url: `/api/v1/posts/${post.id}` })).json().vacancy;
    expect(mine.myReferralCount).toBe(1);
    expect((await call(t, hr, { url: `/api/v1/posts/${post.id}` })).json().vacancy.referralCount).toBe(1);
  });

  it('answers 400 to bad candidates, 401/403 to the anonymous and guests, 404 and 409 where due', async () => {
    const post = await publish();
    const good = { candidateName: 'Alex', candidateEmail: 'alex@example.com' };
    const invalid: [Record<string, unknown>, string][] = [
      [{ candidateEmail: 'not an e-mail' }, 'EMAIL_INVALID'],
      [{ candidateEmail: 'a@b' }, 'EMAIL_INVALID'],
      [{ candidateName: '\u200b' }, 'CANDIDATE_NAME_EMPTY'],
      [{ candidateName: undefined }, 'VALIDATION_FAILED'],
      [{ extra: 1 }, 'VALIDATION_FAILED'],
    ];
    for (const [patch, code] of invalid) {
      const res = await refer(employee, post.id, { ...good, ...patch });
      expect(res.statusCode, JSON.stringify(patch)).toBe(400);
      expect(res.json().code).toBe(code);
    }
    expect((await refer(null, post.id, good)).statusCode).toBe(401);
    expect((await refer(await signedIn(t, 'guest'), post.id, good)).statusCode).toBe(403);
    expect((await refer(employee, missing, good)).json().code).toBe('POST_NOT_FOUND');
    const plain = await call(t, employee, {
      method: 'POST',
      url: '/api/v1/posts',
      payload: { space: { type: 'company' }, body: 'plain' },
    });
    expect((await refer(employee, plain.json().id, good)).json().code).toBe('NOT_A_VACANCY');

    const closing = await publish({ closesAt: new Date(Date.now() + 60_000).toISOString() });
    await t.database.handle.db
      .updateTable('vacancy_details')
      .set({ closes_at: new Date(Date.now() - 1000).toISOString() })
      .where('post_id', '=', closing.id)
      .execute();
    const closed = await refer(employee, closing.id, good);
    expect(closed.statusCode).toBe(409);
    expect(closed.json().code).toBe('VACANCY_CLOSED');
    const view = (await call(t, employee, { url: `/api/v1/posts/${closing.id}` })).json().vacancy;
    expect(view).toMatchObject({ closed: true, abilities: { refer: false } });
  });

  it('lists referrals, newest first, to the author and administrators only', async () => {
    const post = await publish();
    for (const n of [1, 2, 3]) {
      const res = await refer(employee, post.id, {
        candidateName: `Candidate ${n}`,
        candidateEmail: `c${n}@example.com`,
      });
      expect(res.statusCode).toBe(201);
    }
    const url = `/api/v1/posts/${post.id}/referrals`;
    const page1 = (await call(t, hr, { url: `${url}?limit=2` })).json();
    expect(page1.items.map((r: { candidateName: string }) => r.candidateName)).toEqual([
      'Candidate 3',
      'Candidate 2',
    ]);
    const page2 = (await call(t, admin, { url: `${url}?limit=2&cursor=${page1.nextCursor}` })).json();
    expect(page2.items.map((r: { candidateName: string }) => r.candidateName)).toEqual(['Candidate 1']);
    expect(page2.nextCursor).toBeNull();
    expect((await call(t, employee, { url })).statusCode).toBe(403);
    expect((await call(t, await signedIn(t, 'moderator'), { url })).statusCode).toBe(403);
    expect((await call(t, null, { url })).statusCode).toBe(401);
    expect((await call(t, hr, { url: `/api/v1/posts/${missing}/referrals` })).statusCode).toBe(404);
  });
});

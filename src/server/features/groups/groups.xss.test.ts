import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { payloadsOf, xssFiles } from '../../../../tests/e2e/support/xss-corpus.js';
import { call, type Person, signedIn } from '../../../../tests/support/people.js';
import { buildTestApp, type TestApp } from '../../../../tests/support/test-app.js';
import { groupLimits } from '../../../shared/api/groups.js';
import { cleanLine } from '../../../shared/text.js';

/**
 * Group names from RELIABILITY.md C2, the XSS corpus, each line cut to the name's limit: stored
 * as sent after the documented normalisation, never a 500. Rendering them is the web app's job.
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

describe('names from the XSS corpus', () => {
  it('stores every line of the XSS corpus verbatim as a group name', async () => {
    for (const file of xssFiles) {
      for (const payload of payloadsOf(file)) {
        const name = payload.text.slice(0, groupLimits.name);
        const res = await call(t, owner, {
          method: 'POST',
          url: '/api/v1/groups',
          payload: { name, visibility: 'open' },
        });
        if (!cleanLine(name)) {
          expect(res.statusCode).toBe(400);
          continue;
        }
        expect(res.statusCode, `${file}:${payload.line} ${res.body}`).toBe(201);
        expect(res.json().name, `${file}:${payload.line}`).toBe(cleanLine(name));
      }
    }
  }, 60_000);
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { payloadsOf, xssFiles } from '../../../../tests/e2e/support/xss-corpus.js';
import { call, type Person, signedIn } from '../../../../tests/support/people.js';
import { buildTestApp, type TestApp } from '../../../../tests/support/test-app.js';
import { cleanText } from '../../../shared/text.js';
import { dangersIn, forEachConcurrently } from './posts.fixtures.js';

/**
 * Every line of the XSS corpus (RELIABILITY.md C2, tests/e2e/fixtures/xss) as a post: stored as
 * sent (after the documented `cleanText`), and the `html` every client inserts has no script
 * element, no event-handler attribute and no script URL. Comments: post-comments.xss.test.ts;
 * the browser half of the check is the Chromium end-to-end suite.
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

describe('the XSS corpus', () => {
  it('the check itself catches dangerous markup', () => {
    expect(dangersIn('<a href=" jav&#x09;ascript:alert(1)">x</a>')).toHaveLength(1);
    expect(dangersIn('<p onclick="x">y</p>')).toEqual(['p[onclick]']);
    expect(dangersIn('<p>&lt;script&gt; onerror=alert(1) javascript:x</p>')).toEqual([]);
  });

  it.each(xssFiles)('every line of %s is stored verbatim and rendered harmless', async (file) => {
    await forEachConcurrently(payloadsOf(file), 4, async ({ line, text }) => {
      const where = `${file}:${line}`;
      const expected = cleanText(text);
      const res = await call(t, author, {
        method: 'POST',
        url: '/api/v1/posts',
        payload: { space: { type: 'company' }, body: text },
      });
      if (expected.trim() === '') {
        expect(res.json().code, where).toBe('POST_BODY_EMPTY');
        return;
      }
      expect(res.statusCode, `${where}: ${res.body}`).toBe(201);
      const post = res.json();
      expect(post.body, where).toBe(expected);
      expect(dangersIn(post.html), where).toEqual([]);
    });
  });
});

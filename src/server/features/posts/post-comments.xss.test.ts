import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { payloadsOf, xssFiles } from '../../../../tests/e2e/support/xss-corpus.js';
import { call, type Person, signedIn } from '../../../../tests/support/people.js';
import { buildTestApp, type TestApp } from '../../../../tests/support/test-app.js';
import { cleanText } from '../../../shared/text.js';
import { dangersIn, forEachConcurrently } from './posts.fixtures.js';

/**
 * Every line of the XSS corpus (RELIABILITY.md C2) as a comment: stored as sent (after the
 * documented `cleanText`), rendered without script elements, event handlers or script URLs, in
 * the create response and in the list.
 */

let t: TestApp;
let commenter: Person;

beforeAll(async () => {
  t = await buildTestApp();
  commenter = await signedIn(t, 'employee');
});
afterAll(async () => {
  await t.close();
});

describe('the XSS corpus as comments', () => {
  it.each(xssFiles)('every line of %s is stored verbatim and rendered harmless', async (file) => {
    const target = await call(t, commenter, {
      method: 'POST',
      url: '/api/v1/posts',
      payload: { space: { type: 'company' }, body: `Comments: ${file}` },
    });
    const postId = target.json().id as string;
    let count = 0;
    await forEachConcurrently(payloadsOf(file), 4, async ({ line, text }) => {
      const where = `${file}:${line}`;
      const expected = cleanText(text);
      const res = await call(t, commenter, {
        method: 'POST',
        url: `/api/v1/posts/${postId}/comments`,
        payload: { body: text },
      });
      if (expected.trim() === '') {
        expect(res.json().code, where).toBe('COMMENT_BODY_EMPTY');
        return;
      }
      expect(res.statusCode, `${where}: ${res.body}`).toBe(201);
      expect(res.json().body, where).toBe(expected);
      expect(dangersIn(res.json().html), where).toEqual([]);
      count += 1;
    });
    const listed = (await call(t, commenter, { url: `/api/v1/posts/${postId}/comments?limit=100` })).json();
    const items = listed.items as { html: string }[];
    expect(items.length).toBe(Math.min(count, 100));
    for (const c of items) expect(dangersIn(c.html)).toEqual([]);
  });
});

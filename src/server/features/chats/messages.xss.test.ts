import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { payloadsOf, xssFiles } from '../../../../tests/e2e/support/xss-corpus.js';
import { call, type Person, signedIn } from '../../../../tests/support/people.js';
import { buildTestApp, type TestApp } from '../../../../tests/support/test-app.js';
import { cleanText } from '../../../shared/text.js';
import { dangersIn, forEachConcurrently } from '../posts/posts.fixtures.js';
import { chatEvents, makeChat, send } from './messages.fixtures.js';

/**
 * Every line of the XSS corpus (RELIABILITY.md C2) as a chat message: stored as sent (after the
 * documented `cleanText`), rendered without script elements, event handlers or script URLs — in
 * the send response, in the list and in the stored realtime frames.
 */

let t: TestApp;
let anna: Person;
let boris: Person;

beforeAll(async () => {
  t = await buildTestApp();
  anna = await signedIn(t, 'employee');
  boris = await signedIn(t, 'employee');
});
afterAll(async () => {
  await t.close();
});

describe('the XSS corpus as messages', () => {
  it.each(xssFiles)('every line of %s is stored verbatim and rendered harmless', async (file) => {
    const chatId = await makeChat(t, anna, [boris]);
    let count = 0;
    await forEachConcurrently(payloadsOf(file), 4, async ({ line, text }) => {
      const where = `${file}:${line}`;
      const expected = cleanText(text);
      const res = await send(t, anna, chatId, { body: text });
      if (expected.trim() === '') {
        expect(res.json().code, where).toBe('MESSAGE_EMPTY');
        return;
      }
      expect(res.statusCode, `${where}: ${res.body}`).toBe(201);
      expect(res.json().body, where).toBe(expected);
      expect(dangersIn(res.json().html), where).toEqual([]);
      count += 1;
    });
    const listed = (await call(t, boris, { url: `/api/v1/chats/${chatId}/messages?limit=100` })).json();
    const items = listed.items as { html: string }[];
    expect(items.length).toBe(Math.min(count, 100));
    for (const m of items) expect(dangersIn(m.html)).toEqual([]);
    for (const e of await chatEvents(t, chatId)) expect(dangersIn(JSON.parse(e.data).html ?? '')).toEqual([]);
  });
});

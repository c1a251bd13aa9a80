import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, type Person, signedIn } from '../../../../tests/support/people.js';
import { buildTestApp, type TestApp } from '../../../../tests/support/test-app.js';
import { messageTerms, queryTerms } from './message-terms.js';
import { makeChat, sendText } from './messages.fixtures.js';

/** Search inside chats (issue 5 §7): every word, the last as a prefix, only the viewer's chats. */

let t: TestApp;
let anna: Person;
let boris: Person;
let vera: Person;
let shared: string;
let private_: string;

beforeAll(async () => {
  t = await buildTestApp();
  anna = await signedIn(t, 'employee', { name: 'Anna' });
  boris = await signedIn(t, 'employee', { name: 'Boris' });
  vera = await signedIn(t, 'employee', { name: 'Vera' });
  shared = await makeChat(t, anna, [boris]);
  private_ = await makeChat(t, vera, [boris]);
});
afterAll(async () => {
  await t.close();
});

async function search(who: Person, q: string, extra = '') {
  const res = await call(t, who, { url: `/api/v1/chats/search?q=${encodeURIComponent(q)}${extra}` });
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as {
    items: { message: { id: string; body: string }; chat: { id: string } }[];
    nextCursor: string | null;
  };
}

describe('terms', () => {
  it('normalises words: NFKC, lower case, ё as е, letters and digits only', () => {
    expect(messageTerms('Отчёт за Q3: **ГОТОВ**, ﬁnal-версия 2024!')).toEqual([
      'отчет',
      'за',
      'q3',
      'готов',
      'final',
      'версия',
      '2024',
    ]);
    expect(queryTerms('Release пла')).toEqual({ exact: ['release'], prefix: 'пла' });
    expect(queryTerms('?!')).toEqual({ exact: [], prefix: null });
  });
});

describe('search', () => {
  it('finds messages with every word, the last as a prefix, in both languages', async () => {
    const a = await sendText(t, anna, shared, 'The quarterly Release plan is ready');
    const b = await sendText(t, boris, shared, 'План релиза готов, отчёт прикреплён');
    await sendText(t, anna, shared, 'release notes only');
    expect((await search(anna, 'release plan')).items.map((i) => i.message.id)).toEqual([a.id]);
    expect((await search(anna, 'release pl')).items.map((i) => i.message.id)).toEqual([a.id]);
    expect((await search(anna, 'ОТЧЕТ план')).items.map((i) => i.message.id)).toEqual([b.id]);
    expect((await search(anna, 'релиз')).items.map((i) => i.message.id)).toEqual([b.id]);
    const hit = (await search(anna, 'quarterly')).items[0]!;
    expect(hit.chat).toMatchObject({ id: shared, kind: 'group' });
  });

  it('searches only the viewer’s chats, also when a chat is named', async () => {
    const secret = await sendText(t, vera, private_, 'zebra migration secret');
    await sendText(t, anna, shared, 'zebra crossing');
    expect((await search(boris, 'zebra')).items).toHaveLength(2);
    const annas = await search(anna, 'zebra');
    expect(annas.items.map((i) => i.message.body)).toEqual(['zebra crossing']);
    expect((await search(anna, 'zebra', `&chat=${private_}`)).items).toEqual([]);
    expect((await search(boris, 'zebra', `&chat=${private_}`)).items.map((i) => i.message.id)).toEqual([
      secret.id,
    ]);
  });

  it('drops deleted messages, follows edits and pages newest first', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) ids.push((await sendText(t, anna, shared, `pagination marker ${i}`)).id);
    await call(t, anna, { method: 'DELETE', url: `/api/v1/chats/${shared}/messages/${ids[0]}` });
    await call(t, anna, {
      method: 'PATCH',
      url: `/api/v1/chats/${shared}/messages/${ids[1]}`,
      payload: { body: 'renamed' },
    });
    const first = await search(anna, 'pagination marker', '&limit=2');
    expect(first.items.map((i) => i.message.id)).toEqual([ids[4], ids[3]]);
    const second = await search(anna, 'pagination marker', `&limit=2&cursor=${first.nextCursor}`);
    expect(second.items.map((i) => i.message.id)).toEqual([ids[2]]);
    expect(second.nextCursor).toBeNull();
    expect((await search(anna, 'renamed')).items.map((i) => i.message.id)).toEqual([ids[1]]);
  });

  it('refuses a query without words and a forged cursor', async () => {
    const none = await call(t, anna, { url: '/api/v1/chats/search?q=%3F%21' });
    expect(none.statusCode).toBe(400);
    expect(none.json().code).toBe('CHAT_SEARCH_NO_WORDS');
    const forged = await call(t, anna, { url: '/api/v1/chats/search?q=x&cursor=abc' });
    expect(forged.statusCode).toBe(400);
  });
});

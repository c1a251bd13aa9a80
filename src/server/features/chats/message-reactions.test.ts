import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, type Person, signedIn } from '../../../../tests/support/people.js';
import { buildTestApp, type TestApp } from '../../../../tests/support/test-app.js';
import { isSingleEmoji } from './message-reactions.service.js';
import { chatEvents, makeChat, sendText } from './messages.fixtures.js';

/** Emoji reactions on messages (C4): one emoji each, idempotent, announced with fresh counts. */

let t: TestApp;
let anna: Person;
let boris: Person;
let chatId: string;

beforeAll(async () => {
  t = await buildTestApp();
  anna = await signedIn(t, 'employee', { name: 'Anna' });
  boris = await signedIn(t, 'employee', { name: 'Boris' });
  chatId = await makeChat(t, anna, [boris]);
});
afterAll(async () => {
  await t.close();
});

const react = (who: Person, messageId: string, emoji: string, method: 'PUT' | 'DELETE' = 'PUT') =>
  call(t, who, {
    method,
    url: `/api/v1/chats/${chatId}/messages/${messageId}/reactions/${encodeURIComponent(emoji)}`,
  });

describe('which reactions are emoji', () => {
  it('accepts single emoji, sequences and flags, and nothing else', () => {
    for (const ok of ['👍', '❤️', '❤', '👍🏽', '👨‍👩‍👧', '🇷🇺', '🏳️‍🌈', '1️⃣'])
      expect(isSingleEmoji(ok), ok).toBe(true);
    for (const bad of ['a', 'ok', '👍👍', '👍a', ' 👍', '<b>', '1', '\u200D', ''])
      expect(isSingleEmoji(bad), bad).toBe(false);
  });
});

describe('reactions', () => {
  it('adds, counts, names and removes reactions, announcing each change once', async () => {
    const m = await sendText(t, anna, chatId, 'react to me');
    const before = (await chatEvents(t, chatId)).length;
    const first = await react(boris, m.id, '👍');
    expect(first.statusCode).toBe(200);
    expect(first.json().reactions).toEqual([{ emoji: '👍', count: 1, people: ['Boris'] }]);
    // Idempotent: the same reaction again changes nothing and announces nothing.
    await react(boris, m.id, '👍');
    const both = await react(anna, m.id, '👍');
    expect(both.json().reactions).toEqual([{ emoji: '👍', count: 2, people: ['Boris', 'Anna'] }]);
    await react(anna, m.id, '🎉');
    const removed = await react(boris, m.id, '👍', 'DELETE');
    expect(removed.json().reactions).toEqual([
      { emoji: '👍', count: 1, people: ['Anna'] },
      { emoji: '🎉', count: 1, people: ['Anna'] },
    ]);
    const updates = (await chatEvents(t, chatId)).slice(before);
    expect(updates.map((e) => e.type)).toEqual(Array(4).fill('chat.message.updated'));
    expect(JSON.parse(updates.at(-1)!.data).reactions).toHaveLength(2);
  });

  it('refuses text as a reaction and reactions on deleted messages', async () => {
    const m = await sendText(t, anna, chatId, 'plain');
    const text = await react(boris, m.id, 'lol');
    expect(text.statusCode).toBe(400);
    expect(text.json().code).toBe('CHAT_REACTION_NOT_EMOJI');
    await call(t, anna, { method: 'DELETE', url: `/api/v1/chats/${chatId}/messages/${m.id}` });
    const gone = await react(boris, m.id, '👍');
    expect(gone.statusCode).toBe(404);
    expect(gone.json().code).toBe('MESSAGE_NOT_FOUND');
  });
});

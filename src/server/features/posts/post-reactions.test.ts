import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, type Person, signedIn } from '../../../../tests/support/people.js';
import { buildTestApp, type TestApp } from '../../../../tests/support/test-app.js';
import { reactionEmojis } from '../../../shared/api/posts.js';
import { normalizeReaction } from './post-reactions.service.js';

let t: TestApp;
let author: Person;
let fan: Person;
let postId: string;

beforeAll(async () => {
  t = await buildTestApp();
  author = await signedIn(t, 'employee');
  fan = await signedIn(t, 'employee');
  const res = await call(t, author, {
    method: 'POST',
    url: '/api/v1/posts',
    payload: { space: { type: 'company' }, body: 'React to me' },
  });
  postId = res.json().id;
});
afterAll(async () => {
  await t.close();
});

const react = (who: Person | null, emoji: string, method: 'PUT' | 'DELETE' = 'PUT', id = postId) =>
  call(t, who, { method, url: `/api/v1/posts/${id}/reactions/${encodeURIComponent(emoji)}` });

async function storedCount() {
  const row = await t.database.handle.db
    .selectFrom('posts')
    .select('reaction_count')
    .where('id', '=', postId)
    .executeTakeFirstOrThrow();
  const rows = await t.database.handle.db
    .selectFrom('reactions')
    .selectAll()
    .where('post_id', '=', postId)
    .execute();
  expect(Number(row.reaction_count)).toBe(rows.length);
  return rows.length;
}

describe('reactions', () => {
  it('are idempotent both ways, with an exact count and the viewer’s own marked', async () => {
    const first = await react(fan, '👍');
    expect(first.statusCode, first.body).toBe(200);
    expect(first.json()).toEqual({
      postId,
      reactions: [{ emoji: '👍', count: 1, mine: true }],
      reactionCount: 1,
    });
    expect((await react(fan, '👍')).json().reactionCount).toBe(1);
    await react(author, '👍');
    await react(author, '🎉');
    const state = (await react(fan, '❤️')).json();
    expect(state.reactions).toEqual([
      { emoji: '👍', count: 2, mine: true },
      { emoji: '❤️', count: 1, mine: true },
      { emoji: '🎉', count: 1, mine: false },
    ]);
    expect(await storedCount()).toBe(4);
    expect((await react(fan, '❤️', 'DELETE')).json().reactionCount).toBe(3);
    expect((await react(fan, '❤️', 'DELETE')).json().reactionCount).toBe(3);
    expect(await storedCount()).toBe(3);
    const view = (await call(t, fan, { url: `/api/v1/posts/${postId}` })).json();
    expect(view.reactions).toEqual([
      { emoji: '👍', count: 2, mine: true },
      { emoji: '🎉', count: 1, mine: false },
    ]);
    expect(view.reactionCount).toBe(3);
  });

  it('notifies the author once per person, however often they re-react', async () => {
    const other = await signedIn(t, 'employee');
    await react(other, '🔥');
    await react(other, '🔥', 'DELETE');
    await react(other, '🔥');
    await react(other, '👏');
    const notes = await t.database.handle.db
      .selectFrom('notifications')
      .select(['user_id', 'type', 'data'])
      .where('actor_id', '=', other.id)
      .execute();
    expect(notes).toHaveLength(1);
    expect(notes[0]).toMatchObject({ user_id: author.id, type: 'reaction' });
    expect(JSON.parse(notes[0]!.data)).toEqual({ emoji: '🔥' });
    const own = await t.database.handle.db
      .selectFrom('notifications')
      .select('id')
      .where('actor_id', '=', author.id)
      .where('type', '=', 'reaction')
      .execute();
    expect(own).toEqual([]);
  });

  it('accepts only the allow-list (with or without the variation selector)', async () => {
    const bad = await react(fan, '💩');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().code).toBe('REACTION_NOT_ALLOWED');
    expect((await react(fan, '<script>')).statusCode).toBe(400);
    expect((await react(fan, '❤')).json().reactions).toContainEqual({ emoji: '❤️', count: 1, mine: true });
    for (const emoji of reactionEmojis) expect(normalizeReaction(emoji)).toBe(emoji);
    expect(normalizeReaction('👍🏽')).toBeUndefined();
  });

  it('answers 401 to the anonymous and 404 for unknown or unreadable posts', async () => {
    expect((await react(null, '👍')).statusCode).toBe(401);
    expect((await react(fan, '👍', 'PUT', '0190a6f0-0000-7000-8000-000000000000')).statusCode).toBe(404);
    const guest = await signedIn(t, 'guest');
    expect((await react(guest, '👍')).statusCode).toBe(404);
  });
});

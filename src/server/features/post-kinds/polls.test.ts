import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, type Person, signedIn } from '../../../../tests/support/people.js';
import { buildTestApp, type TestApp } from '../../../../tests/support/test-app.js';

let t: TestApp;
let author: Person;
let voter: Person;

const missing = '01900000-0000-7000-8000-00000000abcd';

beforeAll(async () => {
  t = await buildTestApp();
  author = await signedIn(t, 'employee', { name: 'Poll Author' });
  voter = await signedIn(t, 'employee', { name: 'Poll Voter' });
});
afterAll(async () => {
  await t.close();
});

interface PollOption {
  id: string;
  text: string;
  votes: number;
  votedByMe: boolean;
  correct: boolean | null;
}

async function createPoll(who: Person, payload: Record<string, unknown>) {
  const res = await call(t, who, {
    method: 'POST',
    url: '/api/v1/polls',
    payload: {
      space: { type: 'company' },
      question: 'Lunch?',
      options: ['Pizza', 'Soup', 'Salad'],
      ...payload,
    },
  });
  if (res.statusCode !== 201) throw new Error(`create failed: ${res.statusCode} ${res.body}`);
  const post = res.json();
  return { post, options: post.poll.options as PollOption[] };
}

const vote = (who: Person | null, postId: string, optionIds: string[]) =>
  call(t, who, { method: 'PUT', url: `/api/v1/posts/${postId}/votes`, payload: { optionIds } });

describe('POST /polls', () => {
  it('publishes a poll with its options in order, stored as plain text', async () => {
    const { post, options } = await createPoll(author, { options: ['<b>One</b>', ' Two ', 'Three'] });
    expect(post.kind).toBe('poll');
    expect(post.poll).toMatchObject({
      question: 'Lunch?',
      multiple: false,
      anonymous: false,
      quiz: false,
      closesAt: null,
      closed: false,
      totalVoters: 0,
      myChoice: [],
      quizResult: null,
      abilities: { vote: true, listVoters: true },
    });
    expect(options.map((o) => o.text)).toEqual(['<b>One</b>', 'Two', 'Three']);
    expect(options.every((o) => o.votes === 0 && o.correct === null && !o.votedByMe)).toBe(true);
    const entry = await t.database.handle.db
      .selectFrom('ledger')
      .select('payload')
      .where('action', '=', 'post.created')
      .where('subject_id', '=', post.id)
      .executeTakeFirstOrThrow();
    expect(JSON.parse(entry.payload).poll.options.map((o: { text: string }) => o.text)).toEqual([
      '<b>One</b>',
      'Two',
      'Three',
    ]);
  });

  it('refuses the anonymous (401), guests outside their groups (403) and bad polls (400)', async () => {
    const body = { space: { type: 'company' }, question: 'Q', options: ['a', 'b'] };
    expect((await call(t, null, { method: 'POST', url: '/api/v1/polls', payload: body })).statusCode).toBe(
      401,
    );
    const guest = await signedIn(t, 'guest');
    expect((await call(t, guest, { method: 'POST', url: '/api/v1/polls', payload: body })).statusCode).toBe(
      403,
    );
    const cases: [Record<string, unknown>, string][] = [
      [{ options: ['only one'] }, 'VALIDATION_FAILED'],
      [{ options: Array.from({ length: 21 }, (_, i) => `o${i}`) }, 'VALIDATION_FAILED'],
      [{ options: ['a', '\u200b'] }, 'POLL_OPTION_EMPTY'],
      [{ question: ' ' }, 'POLL_QUESTION_EMPTY'],
      [{ quiz: { correct: [2] } }, 'QUIZ_INVALID_ANSWER'],
      [{ quiz: { correct: [0, 1] } }, 'QUIZ_INVALID_ANSWER'],
      [{ quiz: { correct: [0, 0] }, multiple: true }, 'QUIZ_INVALID_ANSWER'],
      [{ quiz: { correct: [] } }, 'VALIDATION_FAILED'],
      [{ closesAt: new Date(Date.now() - 1000).toISOString() }, 'CLOSING_TIME_PAST'],
      [{ closesAt: 'soon' }, 'VALIDATION_FAILED'],
    ];
    for (const [patch, code] of cases) {
      const res = await call(t, author, {
        method: 'POST',
        url: '/api/v1/polls',
        payload: { ...body, ...patch },
      });
      expect(res.statusCode, JSON.stringify(patch)).toBe(400);
      expect(res.json().code, JSON.stringify(patch)).toBe(code);
    }
  });
});

describe('PUT /posts/{id}/votes', () => {
  it('counts votes, shows my choice and lets a vote change until the poll closes', async () => {
    const { post, options } = await createPoll(author, {});
    const [pizza, soup] = options as [PollOption, PollOption, PollOption];
    const first = await vote(voter, post.id, [pizza.id]);
    expect(first.statusCode).toBe(200);
    expect(first.json()).toMatchObject({ myChoice: [pizza.id], totalVoters: 1 });
    await vote(author, post.id, [pizza.id]);
    const changed = (await vote(voter, post.id, [soup.id])).json();
    expect(changed.myChoice).toEqual([soup.id]);
    expect(changed.options.map((o: PollOption) => o.votes)).toEqual([1, 1, 0]);
    expect(changed.totalVoters).toBe(2);
    const seen = (await call(t, author, { url: `/api/v1/posts/${post.id}` })).json().poll;
    expect(seen.myChoice).toEqual([pizza.id]);
    expect(seen.options[0].votedByMe).toBe(true);
  });

  it('takes several options only in multiple-choice polls, and only this poll’s options', async () => {
    const single = await createPoll(author, {});
    const multi = await createPoll(author, { multiple: true });
    const [a, b] = single.options as [PollOption, PollOption];
    const [ma, mb, mc] = multi.options as [PollOption, PollOption, PollOption];
    for (const ids of [[a.id, b.id], [ma.id], [a.id, a.id], [missing]]) {
      const res = await vote(voter, single.post.id, ids);
      expect(res.statusCode, JSON.stringify(ids)).toBe(400);
      expect(res.json().code).toBe('POLL_INVALID_CHOICE');
    }
    expect((await vote(voter, single.post.id, [])).statusCode).toBe(400);
    const res = (await vote(voter, multi.post.id, [mc.id, ma.id])).json();
    expect(res.myChoice).toEqual([ma.id, mc.id]);
    expect(res.totalVoters).toBe(1);
    expect(res.options.map((o: PollOption) => o.votes)).toEqual([1, 0, 1]);
    await vote(author, multi.post.id, [mb.id, mc.id]);
    const after = (await vote(voter, multi.post.id, [ma.id])).json();
    expect(after.options.map((o: PollOption) => o.votes)).toEqual([1, 1, 1]);
    expect(after.totalVoters).toBe(2);
  });

  it('refuses votes once closed (409), the anonymous (401), missing posts and non-polls (404)', async () => {
    const { post, options } = await createPoll(author, {
      closesAt: new Date(Date.now() + 60_000).toISOString(),
    });
    await t.database.handle.db
      .updateTable('polls')
      .set({ closes_at: new Date(Date.now() - 1000).toISOString() })
      .where('post_id', '=', post.id)
      .execute();
    const closed = await vote(voter, post.id, [options[0]!.id]);
    expect(closed.statusCode).toBe(409);
    expect(closed.json().code).toBe('POLL_CLOSED');
    const view = (await call(t, voter, { url: `/api/v1/posts/${post.id}` })).json().poll;
    expect(view).toMatchObject({ closed: true, abilities: { vote: false } });
    expect((await vote(null, post.id, [options[0]!.id])).statusCode).toBe(401);
    expect((await vote(voter, missing, [options[0]!.id])).json().code).toBe('POST_NOT_FOUND');
    const plain = await call(t, author, {
      method: 'POST',
      url: '/api/v1/posts',
      payload: { space: { type: 'company' }, body: 'plain' },
    });
    const notPoll = await vote(voter, plain.json().id, [options[0]!.id]);
    expect(notPoll.statusCode).toBe(404);
    expect(notPoll.json().code).toBe('NOT_A_POLL');
  });

  it("keeps a secret group's poll from non-members (404) and lets members vote", async () => {
    const owner = await signedIn(t, 'employee');
    const group = await call(t, owner, {
      method: 'POST',
      url: '/api/v1/groups',
      payload: { name: 'Poll secret', visibility: 'secret' },
    });
    const { post, options } = await createPoll(owner, { space: { type: 'group', id: group.json().id } });
    const outsider = await signedIn(t, 'moderator');
    expect((await vote(outsider, post.id, [options[0]!.id])).statusCode).toBe(404);
    expect((await call(t, outsider, { url: `/api/v1/posts/${post.id}/votes` })).statusCode).toBe(404);
    expect((await vote(owner, post.id, [options[0]!.id])).statusCode).toBe(200);
  });
});

describe('quizzes', () => {
  it('reveals the correct options only after answering, takes only the first answer', async () => {
    const { post, options } = await createPoll(author, {
      question: '2 + 2?',
      options: ['3', '4', '5'],
      quiz: { correct: [1] },
    });
    const ownView = post.poll;
    expect(ownView.options.map((o: PollOption) => o.correct)).toEqual([false, true, false]);
    const before = (await call(t, voter, { url: `/api/v1/posts/${post.id}` })).json().poll;
    expect(before.options.map((o: PollOption) => o.correct)).toEqual([null, null, null]);
    expect(before.quizResult).toBeNull();
    const answered = await vote(voter, post.id, [options[0]!.id]);
    expect(answered.json()).toMatchObject({ quizResult: 'incorrect', abilities: { vote: false } });
    expect(answered.json().options.map((o: PollOption) => o.correct)).toEqual([false, true, false]);
    const again = await vote(voter, post.id, [options[1]!.id]);
    expect(again.statusCode).toBe(409);
    expect(again.json().code).toBe('QUIZ_ALREADY_ANSWERED');
    const other = await signedIn(t, 'employee');
    expect((await vote(other, post.id, [options[1]!.id])).json().quizResult).toBe('correct');
    const third = await signedIn(t, 'employee');
    const hidden = (await call(t, third, { url: `/api/v1/posts/${post.id}` })).json().poll;
    expect(hidden.options.map((o: PollOption) => o.correct)).toEqual([null, null, null]);
    await t.database.handle.db
      .updateTable('polls')
      .set({ closes_at: new Date(Date.now() - 1000).toISOString() })
      .where('post_id', '=', post.id)
      .execute();
    const revealed = (await call(t, third, { url: `/api/v1/posts/${post.id}` })).json().poll;
    expect(revealed.options.map((o: PollOption) => o.correct)).toEqual([false, true, false]);
  });

  it('counts one answer when the same person answers twice at once', async () => {
    const { post, options } = await createPoll(author, { options: ['a', 'b'], quiz: { correct: [0] } });
    const quick = await signedIn(t, 'employee');
    const results = await Promise.all([
      vote(quick, post.id, [options[0]!.id]),
      vote(quick, post.id, [options[1]!.id]),
    ]);
    expect(results.map((r) => r.statusCode).sort()).toEqual([200, 409]);
    const rows = await t.database.handle.db
      .selectFrom('poll_votes')
      .selectAll()
      .where('post_id', '=', post.id)
      .where('user_id', '=', quick.id)
      .execute();
    expect(rows).toHaveLength(1);
  });
});

describe('GET /posts/{id}/votes', () => {
  it('lists who voted for what, by option, with pages', async () => {
    const { post, options } = await createPoll(author, {});
    const people = [voter, author, await signedIn(t, 'employee', { name: 'Third Voter' })];
    for (const who of people) await vote(who, post.id, [options[0]!.id]);
    await vote(await signedIn(t, 'employee'), post.id, [options[1]!.id]);
    const page1 = (
      await call(t, voter, { url: `/api/v1/posts/${post.id}/votes?optionId=${options[0]!.id}&limit=2` })
    ).json();
    expect(page1.items).toHaveLength(2);
    const page2 = (
      await call(t, voter, {
        url: `/api/v1/posts/${post.id}/votes?optionId=${options[0]!.id}&limit=2&cursor=${page1.nextCursor}`,
      })
    ).json();
    expect(page2.nextCursor).toBeNull();
    const ids = [...page1.items, ...page2.items].map((i: { user: { id: string } }) => i.user.id);
    expect(ids.sort()).toEqual(people.map((p) => p.id).sort());
    const all = (await call(t, voter, { url: `/api/v1/posts/${post.id}/votes` })).json();
    expect(all.items).toHaveLength(4);
    const unknown = await call(t, voter, { url: `/api/v1/posts/${post.id}/votes?optionId=${missing}` });
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json().code).toBe('POLL_OPTION_NOT_FOUND');
    expect((await call(t, voter, { url: `/api/v1/posts/${post.id}/votes?cursor=nope!` })).statusCode).toBe(
      400,
    );
    expect((await call(t, null, { url: `/api/v1/posts/${post.id}/votes` })).statusCode).toBe(401);
  });

  it('never reveals the voters of an anonymous poll, not even to its author or an admin', async () => {
    const { post, options } = await createPoll(author, { anonymous: true });
    await vote(voter, post.id, [options[2]!.id]);
    const admin = await signedIn(t, 'admin');
    for (const who of [author, voter, admin]) {
      const res = await call(t, who, { url: `/api/v1/posts/${post.id}/votes` });
      expect(res.statusCode).toBe(403);
      expect(res.json().code).toBe('POLL_ANONYMOUS');
      const seen = (await call(t, who, { url: `/api/v1/posts/${post.id}` })).json();
      expect(seen.poll.abilities.listVoters).toBe(false);
      expect(JSON.stringify(seen)).not.toContain(who === voter ? '__none__' : voter.id);
    }
    const mine = (await call(t, voter, { url: `/api/v1/posts/${post.id}` })).json().poll;
    expect(mine.myChoice).toEqual([options[2]!.id]);
    expect(mine.options[2].votes).toBe(1);
  });
});

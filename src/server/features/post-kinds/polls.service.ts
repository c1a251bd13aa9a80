import { v7 as uuidv7 } from 'uuid';
import { z } from 'zod';
import type { Page } from '../../../shared/api/pagination.js';
import type { CreatePollBody, PersonRef, PollView } from '../../../shared/api/post-kinds.js';
import type { PostView } from '../../../shared/api/posts.js';
import { cleanLine } from '../../../shared/text.js';
import { requireActor } from '../../platform/auth/guards.js';
import { type Actor, type Ctx, transact } from '../../platform/context.js';
import { decodeCursor, pageOf } from '../../platform/http/cursor.js';
import { AppError } from '../../platform/http/errors.js';
import type { RateLimiter } from '../../platform/http/rate-limit.js';
import { createPostInTx, loadPostViews } from '../posts/posts.service.js';
import {
  countVoters,
  countVotesByOption,
  insertPoll,
  listPollOptions,
  listPolls,
  listVoters,
  listVotesOf,
  lockPoll,
  type PollOptionRow,
  type PollRow,
  replaceVotes,
} from './polls.queries.js';
import { presentPersonRef, requireKindPost } from './post-kinds.access.js';

/**
 * Polls and quizzes (P6): single or multiple choice, optionally anonymous, optionally closing at
 * a time. A vote may be changed until the poll closes, except in a quiz, where the first answer
 * counts; a quiz shows its correct options once the viewer has answered or it has closed.
 * Voters are listed only for polls that are not anonymous — an anonymous poll's voters are
 * shown to nobody, its author included.
 */

const iso = (value: string | Date) => new Date(value).toISOString();

const isClosed = (poll: { closes_at: string | null }, now: string) =>
  poll.closes_at !== null && poll.closes_at <= now;

function groupBy<T>(items: readonly T[], keyOf: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const key = keyOf(item);
    const group = groups.get(key);
    if (group) group.push(item);
    else groups.set(key, [item]);
  }
  return groups;
}

function sameSet(a: readonly string[], b: readonly string[]): boolean {
  const set = new Set(a);
  return set.size === b.length && b.every((x) => set.has(x));
}

function presentPoll(
  poll: PollRow,
  options: readonly PollOptionRow[],
  votes: ReadonlyMap<string, number>,
  totalVoters: number,
  myChoice: readonly string[],
  actor: Actor | null,
  now: string,
): PollView {
  const closed = isClosed(poll, now);
  const quiz = poll.quiz === 1;
  const answered = myChoice.length > 0;
  const revealed = quiz && (answered || closed || actor?.id === poll.author_id);
  const correctIds = options.filter((o) => o.correct === 1).map((o) => o.id);
  return {
    question: poll.question,
    multiple: poll.multiple === 1,
    anonymous: poll.anonymous === 1,
    quiz,
    closesAt: poll.closes_at,
    closed,
    options: options.map((o) => ({
      id: o.id,
      text: o.text,
      votes: votes.get(o.id) ?? 0,
      votedByMe: myChoice.includes(o.id),
      correct: revealed ? o.correct === 1 : null,
    })),
    totalVoters,
    myChoice: [...myChoice],
    quizResult: quiz && answered ? (sameSet(correctIds, myChoice) ? 'correct' : 'incorrect') : null,
    abilities: {
      vote: actor?.status === 'active' && !closed && !(quiz && answered),
      listVoters: poll.anonymous === 0,
    },
  };
}

/** The poll views of a page of posts the viewer may read: five queries whatever the page size. */
export async function loadPollViews(ctx: Ctx, postIds: readonly string[]): Promise<Map<string, PollView>> {
  const views = new Map<string, PollView>();
  if (postIds.length === 0) return views;
  const polls = await listPolls(ctx.db, postIds);
  const options = await listPollOptions(ctx.db, postIds);
  const votes = await countVotesByOption(ctx.db, postIds);
  const voters = await countVoters(ctx.db, postIds);
  const mine = ctx.actor ? await listVotesOf(ctx.db, postIds, ctx.actor.id) : [];
  const optionsOf = groupBy(options, (o) => o.post_id);
  const mineOf = groupBy(mine, (v) => v.post_id);
  const now = iso(new Date());
  for (const poll of polls) {
    const myChoice = (mineOf.get(poll.post_id) ?? []).map((v) => v.option_id);
    const pollOptions = optionsOf.get(poll.post_id) ?? [];
    // The viewer's choice in the options' order, whatever order the votes were read in.
    const ordered = pollOptions.filter((o) => myChoice.includes(o.id)).map((o) => o.id);
    views.set(
      poll.post_id,
      presentPoll(poll, pollOptions, votes, voters.get(poll.post_id) ?? 0, ordered, ctx.actor, now),
    );
  }
  return views;
}

async function pollViewOf(ctx: Ctx, postId: string): Promise<PollView> {
  const view = (await loadPollViews(ctx, [postId])).get(postId);
  if (!view) throw new AppError('NOT_A_POLL');
  return view;
}

/** The poll as written (normalised), with ids for its options, for the rows and the ledger. */
function pollDetailsOf(body: CreatePollBody) {
  const question = cleanLine(body.question);
  if (!question) throw new AppError('POLL_QUESTION_EMPTY');
  const texts = body.options.map((text) => cleanLine(text));
  if (texts.some((text) => !text)) throw new AppError('POLL_OPTION_EMPTY');
  const multiple = body.multiple ?? false;
  const correct = new Set(body.quiz?.correct ?? []);
  if (body.quiz) {
    const valid =
      correct.size === body.quiz.correct.length &&
      [...correct].every((i) => i < texts.length) &&
      (multiple || correct.size === 1);
    if (!valid) throw new AppError('QUIZ_INVALID_ANSWER');
  }
  const closesAt = body.closesAt ? iso(body.closesAt) : null;
  if (closesAt !== null && closesAt <= iso(new Date())) throw new AppError('CLOSING_TIME_PAST');
  return {
    question,
    multiple,
    anonymous: body.anonymous ?? false,
    quiz: body.quiz !== undefined,
    closesAt,
    options: texts.map((text, i) => ({ id: uuidv7(), text, correct: correct.has(i) })),
  };
}

/** `POST /polls`: one transaction creates the post (with the poll in its ledger entry), the poll and its options. */
export async function createPoll(
  ctx: Ctx,
  body: CreatePollBody,
  rateLimiter?: RateLimiter,
): Promise<PostView> {
  requireActor(ctx);
  const poll = pollDetailsOf(body);
  const { id } = await transact(ctx, async (tx) => {
    const post = await createPostInTx(ctx, tx, {
      space: body.space,
      body: body.body,
      kind: 'poll',
      rateLimiter,
      ledgerExtra: { poll },
    });
    await insertPoll(
      tx,
      {
        post_id: post.id,
        question: poll.question,
        multiple: poll.multiple ? 1 : 0,
        anonymous: poll.anonymous ? 1 : 0,
        quiz: poll.quiz ? 1 : 0,
        closes_at: poll.closesAt,
      },
      poll.options.map((o, position) => ({
        id: o.id,
        post_id: post.id,
        position,
        text: o.text,
        correct: o.correct ? 1 : 0,
      })),
    );
    return post;
  });
  const [view] = await loadPostViews(ctx, [id]);
  if (!view) throw new AppError('POST_NOT_FOUND');
  return view;
}

/**
 * `PUT /posts/{id}/votes`: the viewer's choice replaces their previous one, while the poll is
 * open; a quiz takes only the first answer. Checked under the poll's row lock.
 */
export async function votePoll(ctx: Ctx, id: string, optionIds: readonly string[]): Promise<PollView> {
  const { actor } = await requireKindPost(ctx, id, 'poll');
  await transact(ctx, async (tx) => {
    const poll = await lockPoll(tx, id);
    if (!poll) throw new AppError('NOT_A_POLL');
    const now = iso(new Date());
    if (isClosed(poll, now)) throw new AppError('POLL_CLOSED');
    const options = new Set((await listPollOptions(tx, [id])).map((o) => o.id));
    const chosen = new Set(optionIds);
    const valid =
      chosen.size === optionIds.length &&
      optionIds.every((o) => options.has(o)) &&
      (poll.multiple === 1 || chosen.size === 1);
    if (!valid) throw new AppError('POLL_INVALID_CHOICE');
    if (poll.quiz === 1 && (await listVotesOf(tx, [id], actor.id)).length > 0) {
      throw new AppError('QUIZ_ALREADY_ANSWERED');
    }
    await replaceVotes(
      tx,
      id,
      actor.id,
      optionIds.map((optionId) => ({ post_id: id, option_id: optionId, user_id: actor.id, created_at: now })),
    );
  });
  return pollViewOf(ctx, id);
}

const voteCursor = z.strictObject({ t: z.string().max(40), i: z.string().max(100), o: z.string().max(100) });

/** `GET /posts/{id}/votes`: who voted for what, latest first; never for an anonymous poll. */
export async function listPollVotes(
  ctx: Ctx,
  id: string,
  query: { optionId?: string; limit: number; cursor?: string },
): Promise<Page<{ user: PersonRef; optionId: string; votedAt: string }>> {
  await requireKindPost(ctx, id, 'poll');
  const [poll] = await listPolls(ctx.db, [id]);
  if (!poll) throw new AppError('NOT_A_POLL');
  if (poll.anonymous === 1) throw new AppError('POLL_ANONYMOUS');
  if (query.optionId) {
    const options = await listPollOptions(ctx.db, [id]);
    if (!options.some((o) => o.id === query.optionId)) throw new AppError('POLL_OPTION_NOT_FOUND');
  }
  const rows = await listVoters(
    ctx.db,
    id,
    query.optionId,
    decodeCursor(voteCursor, query.cursor),
    query.limit + 1,
  );
  return pageOf(
    rows,
    query.limit,
    (r) => ({ t: r.created_at, i: r.id, o: r.option_id }),
    (r) => ({ user: presentPersonRef(r), optionId: r.option_id, votedAt: r.created_at }),
  );
}

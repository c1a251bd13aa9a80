import { z } from 'zod';
import type { Page } from '../../../shared/api/pagination.js';
import type { TopicListQuery, TopicSummary, TopicView } from '../../../shared/api/topics.js';
import { searchKey } from '../../../shared/text.js';
import { requireActor } from '../../platform/auth/guards.js';
import { type Ctx, record, transact } from '../../platform/context.js';
import { decodeCursor, pageOf } from '../../platform/http/cursor.js';
import { AppError } from '../../platform/http/errors.js';
import { canSetTopicPriority, canUseTopics } from './topics.policy.js';
import { presentTopic, presentTopicSummary } from './topics.presenter.js';
import {
  countTopicFollowers,
  deleteTopicFollow,
  findKnownTopic,
  findTopic,
  insertTopicFollow,
  listKnownTopics,
  upsertTopicPriority,
} from './topics.queries.js';

/**
 * Topics (P3, A5): the directory and autocomplete, a topic's page, following, and the priority
 * topics administrators choose. Follows are not recorded in the ledger (neither content nor an
 * administrative act); priority changes are.
 */

const topicCursor = z.strictObject({ t: z.string().min(1).max(200) });

/** The tag a hashtag is stored under (as posts index them): `searchKey` without a leading `#`. */
export function normaliseTag(raw: string): string {
  return searchKey(raw.replace(/^#/, ''));
}

function authorize(allowed: boolean): void {
  if (!allowed) throw new AppError('FORBIDDEN');
}

/** `GET /topics?q=`: topics the viewer knows of whose tag starts with `q`, by tag. */
export async function listTopics(ctx: Ctx, query: TopicListQuery): Promise<Page<TopicSummary>> {
  const actor = requireActor(ctx);
  authorize(canUseTopics(actor));
  const after = decodeCursor(topicCursor, query.cursor)?.t;
  const rows = await listKnownTopics(ctx.db, actor, normaliseTag(query.q ?? ''), after, query.limit + 1);
  return pageOf(rows, query.limit, (r) => ({ t: r.tag }), presentTopicSummary);
}

/** `GET /topics/{tag}`: 404 for a topic the viewer may not know of. */
export async function getTopic(ctx: Ctx, rawTag: string): Promise<TopicView> {
  const actor = requireActor(ctx);
  authorize(canUseTopics(actor));
  const tag = normaliseTag(rawTag);
  const row = await findKnownTopic(ctx.db, actor, tag);
  if (!row) throw new AppError('TOPIC_NOT_FOUND');
  return presentTopic(actor, row, await countTopicFollowers(ctx.db, tag));
}

/** `PUT|DELETE /topics/{tag}/follow`: idempotent; a tag nobody used yet may be followed. */
export async function setTopicFollow(
  ctx: Ctx,
  rawTag: string,
  follow: boolean,
): Promise<{ followedByMe: boolean; followersCount: number }> {
  const actor = requireActor(ctx);
  authorize(canUseTopics(actor));
  const tag = normaliseTag(rawTag);
  await transact(ctx, (tx) =>
    follow
      ? insertTopicFollow(tx, actor.id, tag, new Date().toISOString())
      : deleteTopicFollow(tx, actor.id, tag),
  );
  return { followedByMe: follow, followersCount: await countTopicFollowers(ctx.db, tag) };
}

/** `PUT /admin/topics/{tag}/priority`: administrators; recorded in the ledger. */
export async function setTopicPriority(ctx: Ctx, rawTag: string, priority: boolean): Promise<TopicView> {
  const actor = requireActor(ctx);
  authorize(canSetTopicPriority(actor));
  const tag = normaliseTag(rawTag);
  await transact(ctx, async (tx) => {
    const before = await findTopic(tx, tag);
    if (before && (before.priority === 1) === priority) return;
    await upsertTopicPriority(tx, tag, priority ? 1 : 0, new Date().toISOString());
    await record(ctx, tx, {
      action: 'topic.priority.changed',
      subjectType: 'topic',
      subjectId: tag,
      payload: { tag, priority },
    });
  });
  const row = await findKnownTopic(ctx.db, actor, tag);
  return presentTopic(
    actor,
    row ?? { tag, name: tag, priority: priority ? 1 : 0, followed: 0 },
    await countTopicFollowers(ctx.db, tag),
  );
}

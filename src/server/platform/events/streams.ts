import type { Tx } from '../db/database.js';
import type { StreamFrame } from '../realtime/bus.js';
import { afterCommit } from './after-commit.js';
import { bumpStreamHead, createStreamHead, insertStreamEvent } from './streams.queries.js';

/**
 * Stream names. A viewer's socket subscribes to the streams of the spaces they may read; the
 * server decides the set, never the client.
 * - `user:<id>`: one person's notifications and membership changes
 * - `company`: company-space and profile posts (every employee reads them)
 * - `group:<id>`: one group's posts, comments and reactions, for its members (others see an open
 *   group's posts through the feed API)
 * - `chat:<id>`: one chat's messages (their `seq` is the message's), for its members only
 */
export const streams = {
  user: (userId: string) => `user:${userId}`,
  company: 'company',
  group: (groupId: string) => `group:${groupId}`,
  chat: (chatId: string) => `chat:${chatId}`,
} as const;

/** What decides the stream of a post's events. */
export interface PostStreamFacts {
  id: string;
  space_type: 'company' | 'group' | 'profile';
  group_id: string | null;
  has_audience: number;
}

/**
 * The stream a post's events go to: its group's, or `company` for company and profile posts. A
 * post for chosen departments only gets a stream of its own that no socket subscribes to — the
 * `company` stream would tell everyone else that it exists; its readers learn of it by their
 * must-read notification.
 */
export function streamOfPost(post: PostStreamFacts): string {
  if (post.space_type === 'group' && post.group_id) return streams.group(post.group_id);
  return post.has_audience ? `post:${post.id}` : streams.company;
}

/**
 * Appends a durable event to `stream` inside `tx` and publishes it on the bus once the
 * transaction commits: the event exists if and only if the change it announces does, and its
 * `seq` (gapless per stream) lets a reconnecting client replay exactly what it missed.
 * Data should name what changed (ids), not carry content the reader has not been checked for.
 * `data` may be a function of the `seq` given, for events that carry their own position (a chat
 * message's frame is the message, whose `seq` is the event's).
 */
export async function appendStreamEvent(
  tx: Tx,
  stream: string,
  type: string,
  dataOrBuild: Record<string, unknown> | ((seq: number) => Record<string, unknown>),
): Promise<StreamFrame> {
  // The head row is the per-stream lock; the first event of a stream creates it.
  const seq = (await bumpStreamHead(tx, stream)) ?? (await createStreamHead(tx, stream));
  const data = typeof dataOrBuild === 'function' ? dataOrBuild(seq) : dataOrBuild;
  await insertStreamEvent(tx, {
    stream,
    seq,
    type,
    data: JSON.stringify(data),
    createdAt: new Date().toISOString(),
  });
  const frame: StreamFrame = { type, stream, seq, data };
  afterCommit(tx, (effects) => effects.bus.publish(frame));
  return frame;
}

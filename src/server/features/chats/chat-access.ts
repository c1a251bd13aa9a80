import { requireActor } from '../../platform/auth/guards.js';
import type { Actor, Ctx } from '../../platform/context.js';
import type { Executor } from '../../platform/db/database.js';
import { AppError } from '../../platform/http/errors.js';
import { type ChatMemberRow, type ChatRow, selectMembership } from './chat-access.queries.js';

/**
 * The one gate of every chat operation: the viewer must be a member. A chat someone is not in
 * does not exist for them — the same 404 whether it exists or not, so ids cannot be probed.
 */
export interface ChatMembership {
  actor: Actor;
  chat: ChatRow;
  member: ChatMemberRow;
}

export function requireMembership(ctx: Ctx, chatId: string, db: Executor = ctx.db): Promise<ChatMembership> {
  return requireMember(ctx, (actor) => selectMembership(db, chatId, actor.id));
}

/**
 * The same gate over a membership the caller reads itself, with whatever else it needs in the
 * same statement (a send): `load` answers undefined for a chat the person is not in.
 */
export async function requireMember<M extends object>(
  ctx: Ctx,
  load: (actor: Actor) => Promise<M | undefined>,
): Promise<M & { actor: Actor }> {
  const actor = requireActor(ctx);
  const found = actor.status === 'active' ? await load(actor) : undefined;
  if (!found) throw new AppError('CHAT_NOT_FOUND');
  return { ...found, actor };
}

/** Channels take posts from their admins only; every other chat from every member. */
export function canPost(membership: {
  chat: Pick<ChatRow, 'kind'>;
  member: Pick<ChatMemberRow, 'role'>;
}): boolean {
  return membership.chat.kind !== 'channel' || membership.member.role === 'admin';
}

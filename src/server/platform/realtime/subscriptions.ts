import { listMemberships } from '../../features/spaces/spaces.service.js';
import type { Actor } from '../context.js';
import type { Executor } from '../db/database.js';
import { streams } from '../events/streams.js';
import { selectChatIdsOf } from './realtime.queries.js';

/**
 * The streams a viewer's socket listens to, decided by the server alone: their own `user:<id>`,
 * `company` for employees (not guests), and `group:<id>` for every group they are a member of.
 * Open groups' posts reach non-members through the feed API, not the socket: a socket follows
 * only what the person belongs to; `chat:<id>` for every chat they are in. Deactivated people get
 * nothing.
 */
export async function streamsOf(db: Executor, actor: Actor): Promise<Set<string>> {
  const names = new Set<string>();
  if (actor.status !== 'active') return names;
  names.add(streams.user(actor.id));
  if (actor.role !== 'guest') names.add(streams.company);
  for (const membership of await listMemberships(db, actor.id)) {
    names.add(streams.group(membership.groupId));
  }
  for (const chatId of await selectChatIdsOf(db, actor.id)) names.add(streams.chat(chatId));
  return names;
}

import { z } from 'zod';
import type { Presence } from '../../../shared/api/chats.js';
import { requireActor } from '../../platform/auth/guards.js';
import type { Ctx } from '../../platform/context.js';
import type { Executor } from '../../platform/db/database.js';
import { AppError } from '../../platform/http/errors.js';
import { type PresenceRegistry, shown } from '../../platform/realtime/presence.js';
import {
  type PresenceFacts,
  selectPresenceFacts,
  selectSocketPerson,
  updatePresenceHidden,
  writeLastSeen,
} from './presence.queries.js';

/** Presence over HTTP (C3): who of these people is online, and hiding one's own. */

export const presenceLimits = { ids: 200 } as const;

const idSchema = z.uuid();

/**
 * `GET /presence?ids=`: the presence of up to 200 people, in the order asked. People the viewer
 * may not know of (inactive, unknown, or outside a guest's groups and chats) are left out, the
 * same way whichever it is; people who hide their presence are offline with no last seen.
 */
export async function getPresence(
  ctx: Ctx,
  registry: PresenceRegistry,
  idsParam: string,
): Promise<Presence[]> {
  const actor = requireActor(ctx);
  const ids = [...new Set(idsParam.split(',').map((id) => id.trim()))];
  if (ids.length > presenceLimits.ids || ids.some((id) => !idSchema.safeParse(id).success)) {
    throw new AppError('PRESENCE_IDS_INVALID', { max: presenceLimits.ids });
  }
  const facts = await selectPresenceFacts(ctx.db, { id: actor.id, guest: actor.role === 'guest' }, ids);
  const byId = new Map(facts.map((fact) => [fact.id, fact]));
  const live = await registry.lookup(facts.map((fact) => fact.id));
  const items: Presence[] = [];
  for (const id of ids) {
    const fact = byId.get(id);
    if (!fact) continue;
    const hidden = fact.presence_hidden === 1;
    items.push(
      hidden
        ? { userId: id, state: 'offline', lastSeenAt: null }
        : shown(id, live.get(id) && { ...live.get(id)!, hidden: false }, fact.last_seen_at),
    );
  }
  return items;
}

/** `PUT /me/presence`: hide or show one's own presence; watchers on every node are told. */
export async function setPresenceHidden(
  ctx: Ctx,
  registry: PresenceRegistry,
  hidden: boolean,
): Promise<{ hidden: boolean }> {
  const actor = requireActor(ctx);
  await updatePresenceHidden(ctx.db, actor.id, hidden);
  await registry.setHidden(actor.id, hidden);
  return { hidden };
}

/** For the presence registry: last seen of the people connected, when they leave and meanwhile. */
export function touchLastSeen(db: Executor, userIds: readonly string[], at: string): Promise<void> {
  return writeLastSeen(db, userIds, at);
}

/** For a socket's `watch`: the people among `ids` the viewer may know of, with last seen and hiding. */
export function presenceFactsFor(
  db: Executor,
  viewer: { id: string; guest: boolean },
  ids: readonly string[],
): Promise<PresenceFacts[]> {
  return selectPresenceFacts(db, viewer, ids);
}

/** For a socket: its person's name (typing) and hidden flag (presence). */
export function socketPerson(db: Executor, userId: string) {
  return selectSocketPerson(db, userId);
}

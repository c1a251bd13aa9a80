import { v7 as uuidv7 } from 'uuid';
import type { z } from 'zod';
import type { pushSubscriptionBodySchema } from '../../../shared/api/chats.js';
import { errorMessage } from '../../../shared/errors.js';
import type { Ctx } from '../../platform/context.js';
import { AppError } from '../../platform/http/errors.js';
import { deleteOwnSubscription, upsertSubscription } from './push.queries.js';
import { checkEndpoint } from './push-sender.js';
import { getVapidKeys } from './vapid-keys.js';

type SubscriptionBody = z.infer<typeof pushSubscriptionBodySchema>;

function viewerId(ctx: Ctx): string {
  if (!ctx.actor) throw new AppError('UNAUTHENTICATED');
  return ctx.actor.id;
}

/** The viewer's session: a subscription lives only as long as the session that stored it. */
function viewerSession(ctx: Ctx): { userId: string; sessionId: string } {
  const sessionId = ctx.actor?.sessionId;
  if (!ctx.actor || sessionId === undefined) throw new AppError('UNAUTHENTICATED');
  return { userId: ctx.actor.id, sessionId };
}

/** The VAPID public key browsers subscribe with; 503 when the keys cannot be had. */
export async function getPushKey(ctx: Ctx): Promise<{ publicKey: string }> {
  try {
    const { publicKey } = await getVapidKeys(ctx.db);
    return { publicKey };
  } catch (error) {
    ctx.log.error({ err: error }, 'VAPID keys unavailable');
    throw new AppError('PUSH_NOT_CONFIGURED');
  }
}

/**
 * Stores this browser's push subscription for the viewer, tied to the session it came with:
 * signing out there, revoking the session or deactivating the person deletes it (0008). The
 * endpoint is where the server will POST, so it must pass the same guard as any server-side
 * fetch (https, public address).
 */
export async function subscribe(ctx: Ctx, body: SubscriptionBody): Promise<void> {
  const { userId, sessionId } = viewerSession(ctx);
  const refused = await checkEndpoint(ctx.config, body.endpoint);
  if (refused !== undefined) {
    const message = errorMessage('PUSH_ENDPOINT_REFUSED', ctx.locale);
    throw new AppError('PUSH_ENDPOINT_REFUSED', {}, [
      { field: 'endpoint', code: 'PUSH_ENDPOINT_REFUSED', message },
    ]);
  }
  await upsertSubscription(ctx.db, {
    id: uuidv7(),
    userId,
    sessionId,
    endpoint: body.endpoint,
    p256dh: body.keys.p256dh,
    auth: body.keys.auth,
    at: new Date().toISOString(),
  });
}

/** Forgets the viewer's subscription at `endpoint` (idempotent; another person's is untouched). */
export async function unsubscribe(ctx: Ctx, endpoint: string): Promise<void> {
  await deleteOwnSubscription(ctx.db, viewerId(ctx), endpoint);
}

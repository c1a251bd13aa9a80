import type { ChatKind } from '../../../shared/api/chats.js';
import type { Ctx } from '../../platform/context.js';
import type { Tx } from '../../platform/db/database.js';
import { afterCommit } from '../../platform/events/after-commit.js';
import { streams } from '../../platform/events/streams.js';
import type { Bus } from '../../platform/realtime/bus.js';
import { plainExcerpt } from '../notifications/notifications.presenter.js';
import {
  countFailure,
  deleteSubscription,
  markDelivered,
  type PushMessageRow,
  selectPushMessage,
  selectPushRecipients,
  selectSubscriptionsOf,
} from './push.queries.js';
import { sendPush } from './push-sender.js';
import { getVapidKeys } from './vapid-keys.js';

export interface ChatPushInput {
  chatId: string;
  /** Only direct chats push every message; other chats only their mentions. */
  chatKind: ChatKind;
  messageId: string;
  authorId: string;
  mentionedIds: string[];
}

/** Pushes sent at once per app; the rest wait their turn. */
const concurrency = 8;
/** Pushes waiting at most; beyond this a burst is dropped (best effort), never buffered without end. */
const maxQueued = 10_000;

/**
 * One app's push delivery: a bounded queue drained by a few workers. Kept per bus (one per
 * app) rather than per process, so apps in one test process do not share it.
 */
interface Deliveries {
  queue: (() => Promise<void>)[];
  running: number;
  idle: (() => void)[];
}

const deliveries = new WeakMap<Bus, Deliveries>();

function deliveriesOf(bus: Bus): Deliveries {
  let state = deliveries.get(bus);
  if (!state) {
    state = { queue: [], running: 0, idle: [] };
    deliveries.set(bus, state);
  }
  return state;
}

function enqueue(bus: Bus, log: Ctx['log'], job: () => Promise<void>): void {
  const state = deliveriesOf(bus);
  if (state.queue.length >= maxQueued) {
    log.warn('push queue full: a notification was dropped');
    return;
  }
  state.queue.push(job);
  drain(state, log);
}

function drain(state: Deliveries, log: Ctx['log']): void {
  while (state.running < concurrency && state.queue.length > 0) {
    const job = state.queue.shift()!;
    state.running++;
    job()
      .catch((error: unknown) => log.error({ err: error }, 'push delivery failed'))
      .finally(() => {
        state.running--;
        drain(state, log);
        if (state.running === 0 && state.queue.length === 0) {
          for (const resolve of state.idle.splice(0)) resolve();
        }
      });
  }
}

/**
 * Resolves once every push queued on this app's bus so far has been tried (tests wait on it
 * instead of sleeping; shutdown may too).
 */
export function whenPushesSettled(bus: Bus): Promise<void> {
  const state = deliveriesOf(bus);
  if (state.running === 0 && state.queue.length === 0) return Promise.resolve();
  return new Promise((resolve) => state.idle.push(resolve));
}

/**
 * On shutdown: drops the pushes still waiting (best effort: a notification is not worth holding
 * a stopping node) and waits for those in flight, each bounded by its timeout.
 */
export function stopPushes(bus: Bus): Promise<void> {
  deliveriesOf(bus).queue.length = 0;
  return whenPushesSettled(bus);
}

/**
 * Called by the send transaction of a chat message: once it commits, the recipients with no
 * tab open get a Web Push. The work happens off the send's path (the effect only schedules it),
 * and any failure is logged and counted, never surfaced to the sender.
 */
export function queueChatPush(ctx: Ctx, tx: Tx, input: ChatPushInput): void {
  // Most messages push nobody: no query at all for them (this runs on every send).
  if (input.chatKind !== 'direct' && input.mentionedIds.length === 0) return;
  afterCommit(tx, () => {
    enqueue(ctx.bus, ctx.log, () => pushChatMessage(ctx, input));
  });
}

const texts = {
  en: { sticker: 'Sticker', attachment: 'Attachment', mentioned: 'mentioned you' },
  ru: { sticker: 'Стикер', attachment: 'Вложение', mentioned: 'упомянул(а) вас' },
} as const;

/** What the notification says, in the recipient's language. */
function notificationOf(message: PushMessageRow, chatId: string, locale: string | null) {
  const t = locale === 'ru' ? texts.ru : texts.en;
  const author = message.author_name ?? 'Atrium';
  const excerpt = message.sticker_id ? t.sticker : plainExcerpt(message.body) || t.attachment;
  const direct = message.chat_kind === 'direct';
  return {
    title: direct ? author : (message.chat_name ?? author),
    body: direct ? excerpt : `${author}: ${excerpt}`,
    url: `/chats/${chatId}`,
    // One notification per chat on a device: a newer message replaces the older one.
    tag: `chat:${chatId}`,
  };
}

async function pushChatMessage(ctx: Ctx, input: ChatPushInput): Promise<void> {
  const direct = input.chatKind === 'direct';
  // The recipients first: usually they have a tab open and nothing more is read.
  const candidates = await selectPushRecipients(ctx.db, {
    chatId: input.chatId,
    authorId: input.authorId,
    mentionedIds: [...new Set(input.mentionedIds)],
    direct,
  });
  const recipients: typeof candidates = [];
  for (const candidate of candidates) {
    // A person with a tab open anywhere sees the message there: no push to their phone too.
    if (!(await ctx.bus.hasListeners(streams.user(candidate.user_id)))) recipients.push(candidate);
  }
  if (recipients.length === 0) return;
  const message = await selectPushMessage(ctx.db, input.messageId);
  if (!message || message.deleted_at) return;
  const now = Date.now();
  const subscriptions = await selectSubscriptionsOf(
    ctx.db,
    recipients.map((r) => r.user_id),
    { now: new Date(now).toISOString(), idleSince: new Date(now - ctx.config.sessionIdleMs).toISOString() },
  );
  if (subscriptions.length === 0) return;
  const keys = await getVapidKeys(ctx.db);
  const localeOf = new Map(recipients.map((r) => [r.user_id, r.locale]));
  for (const subscription of subscriptions) {
    const payload = JSON.stringify(
      notificationOf(message, input.chatId, localeOf.get(subscription.user_id) ?? null),
    );
    // Each subscription is its own job: one slow push service does not hold up the others.
    enqueue(ctx.bus, ctx.log, async () => {
      const outcome = await sendPush(ctx.config, keys, subscription, payload, {
        urgency: direct || input.mentionedIds.includes(subscription.user_id) ? 'high' : 'normal',
      });
      if (outcome === 'delivered') await markDelivered(ctx.db, subscription.id, new Date().toISOString());
      else if (outcome === 'gone') await deleteSubscription(ctx.db, subscription.id);
      else await countFailure(ctx.db, subscription.id);
    });
  }
}

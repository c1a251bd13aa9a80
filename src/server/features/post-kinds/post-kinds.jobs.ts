import type { App } from '../../app.js';
import type { Ctx } from '../../platform/context.js';
import { remindDueMustReads } from './announcements.service.js';
import { remindDueEvents } from './events.service.js';

/**
 * The reminders of the kinds of posts: event reminders and must-read reminders. Every node may
 * run them; each reminder is claimed by an atomic update, so two runs (two nodes, or a slow run
 * overlapping the next tick) never send one twice.
 */

const INTERVAL_MS = 30_000;

/** Sends every reminder due at `now`; tests call it directly with the `now` they choose. */
export async function runDueReminders(
  ctx: Ctx,
  now: Date = new Date(),
): Promise<{ eventReminders: number; mustReadReminders: number }> {
  const eventReminders = await remindDueEvents(ctx, now);
  const mustReadReminders = await remindDueMustReads(ctx, now);
  return { eventReminders, mustReadReminders };
}

/**
 * Runs the reminders every 30 seconds in the background of `atrium serve` (not in `buildApp`, so
 * tests stay deterministic), until the app closes. Call it before `listen`.
 */
export function startPostKindJobs(app: App): void {
  const ctx: Ctx = {
    db: app.database.db,
    dialect: app.database.dialect,
    config: app.config,
    actor: null,
    requestId: 'job:post-kind-reminders',
    log: app.log,
    locale: 'en',
    ip: null,
    userAgent: null,
    bus: app.bus,
  };
  let running = false;
  const tick = async () => {
    if (running) return;
    running = true;
    try {
      const sent = await runDueReminders(ctx);
      if (sent.eventReminders + sent.mustReadReminders > 0) app.log.info(sent, 'reminders sent');
    } catch (err) {
      app.log.error({ err }, 'reminders failed');
    } finally {
      running = false;
    }
  };
  const timer = setInterval(() => void tick(), INTERVAL_MS);
  timer.unref();
  app.addHook('onClose', async () => clearInterval(timer));
}

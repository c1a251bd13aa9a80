import type { App } from '../../app.js';
import { type Ctx, record, transact } from '../../platform/context.js';
import { deactivatePerson } from '../users/user-lifecycle.service.js';
import { guestClock } from './guests.clock.js';
import { claimOverdueGuest, listOverdueGuestIds } from './guests.queries.js';

/**
 * The guests' expiry (R04): every minute, guests whose access has ended are deactivated through
 * the people lifecycle — their sessions end (which closes their sockets) and their tokens go —
 * with a `guest.expired` ledger entry. Access already stops at the very second it ends (sessions
 * and sign-in check the date); the job makes it final and visible. Every node may run it: each
 * guest is claimed by a conditional update, so two runs never expire one twice.
 */

const INTERVAL_MS = 60_000;
const BATCH = 200;

/** Deactivates every guest whose access has ended at `now`; returns how many. Tests call it directly. */
export async function expireGuests(ctx: Ctx, now: Date = guestClock.now()): Promise<number> {
  const at = now.toISOString();
  let expired = 0;
  for (;;) {
    const ids = await listOverdueGuestIds(ctx.db, at, BATCH);
    let round = 0;
    for (const id of ids) {
      const done = await transact(ctx, async (tx) => {
        const accessExpiresAt = await claimOverdueGuest(tx, id, at);
        if (accessExpiresAt === undefined) return false;
        await deactivatePerson(ctx, tx, id, 'expiry');
        await record(ctx, tx, {
          action: 'guest.expired',
          subjectType: 'user',
          subjectId: id,
          actorId: null,
          payload: { accessExpiresAt },
        });
        return true;
      });
      if (done) round += 1;
    }
    expired += round;
    // A full batch may have more behind it; one where nothing could be claimed is left to the next tick.
    if (ids.length < BATCH || round === 0) return expired;
  }
}

/**
 * Runs the expiry every minute in the background of `atrium serve` (not in `buildApp`, so tests
 * stay deterministic), until the app closes. Call it before `listen`.
 */
export function startGuestJobs(app: App): void {
  const ctx: Ctx = {
    db: app.database.db,
    dialect: app.database.dialect,
    config: app.config,
    actor: null,
    requestId: 'job:guest-expiry',
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
      const expired = await expireGuests(ctx);
      if (expired > 0) app.log.info({ expired }, 'guest access ended');
    } catch (err) {
      app.log.error({ err }, 'guest expiry failed');
    } finally {
      running = false;
    }
  };
  const timer = setInterval(() => void tick(), INTERVAL_MS);
  timer.unref();
  app.addHook('onClose', async () => clearInterval(timer));
}

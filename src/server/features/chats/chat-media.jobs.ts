import type { App } from '../../app.js';
import type { Ctx } from '../../platform/context.js';
import { removeAbandonedAttachments } from './chat-attachments.service.js';
import { ensureDefaultStickerPack } from './stickers.seed.js';

/**
 * Background work of chat attachments and stickers in `atrium serve` (not in `buildApp`, so
 * tests stay deterministic): the default sticker pack on first start, and every hour the
 * removal of uploads never sent within a day. Call it before `listen`.
 */
export function startChatMediaJobs(app: App): void {
  const ctx: Ctx = {
    db: app.database.db,
    dialect: app.database.dialect,
    config: app.config,
    actor: null,
    requestId: 'job:chat-media',
    log: app.log,
    locale: 'en',
    ip: null,
    userAgent: null,
    bus: app.bus,
  };
  app.addHook('onReady', async () => {
    await ensureDefaultStickerPack(ctx).catch((err) =>
      app.log.error({ err }, 'seeding the default sticker pack failed'),
    );
  });
  let running = false;
  const tick = async () => {
    if (running) return;
    running = true;
    try {
      const removed = await removeAbandonedAttachments(ctx.db);
      if (removed > 0) app.log.info({ removed }, 'abandoned chat uploads removed');
    } catch (err) {
      app.log.error({ err }, 'removing abandoned chat uploads failed');
    } finally {
      running = false;
    }
  };
  const timer = setInterval(() => void tick(), 3_600_000);
  timer.unref();
  app.addHook('onClose', async () => clearInterval(timer));
}

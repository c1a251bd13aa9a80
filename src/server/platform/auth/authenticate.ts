import type { App } from '../../app.js';

/** Resolves the request's actor from its session and builds the request context. */
export async function registerAuthentication(app: App): Promise<void> {
  app.addHook('onRequest', async (request) => {
    request.actor = null;
    request.ctx = {
      db: app.database.db,
      dialect: app.database.dialect,
      config: app.config,
      actor: null,
      requestId: String(request.id),
      log: request.log,
      locale: request.locale,
      ip: request.ip ?? null,
      userAgent: request.headers['user-agent'] ?? null,
    };
  });
}

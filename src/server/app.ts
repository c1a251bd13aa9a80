import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import fastifyCookie from '@fastify/cookie';
import fastifyStatic from '@fastify/static';
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import fastifyWebsocket from '@fastify/websocket';
import Fastify, { type FastifyInstance, type FastifyRequest } from 'fastify';
import {
  jsonSchemaTransform,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import type { Locale } from '../shared/errors.js';
import { registerAuthRoutes } from './features/auth/auth.routes.js';
import { registerBannerRoutes } from './features/banners/banners.routes.js';
import { registerChatAttachmentRoutes } from './features/chats/chat-attachments.routes.js';
import { registerChatRoutes } from './features/chats/chats.routes.js';
import { registerMessageRoutes } from './features/chats/messages.routes.js';
import { registerStickerRoutes } from './features/chats/stickers.routes.js';
import { registerDepartmentRoutes } from './features/departments/departments.routes.js';
import { registerFeedRoutes } from './features/feed/feed.routes.js';
import { registerFileRoutes } from './features/files/files.routes.js';
import { registerGroupRoutes } from './features/groups/groups.routes.js';
import { registerGuestRoutes } from './features/guests/guests.routes.js';
import { registerImportRoutes } from './features/imports/imports.routes.js';
import { registerMarkdownRoutes } from './features/markdown/markdown.routes.js';
import { registerModerationRoutes } from './features/moderation/moderation.routes.js';
import { registerNotificationRoutes } from './features/notifications/notifications.routes.js';
import { registerPostKindRoutes } from './features/post-kinds/post-kinds.routes.js';
import { registerPostRoutes } from './features/posts/posts.routes.js';
import { registerPresenceRoutes } from './features/presence/presence.routes.js';
import { registerPushRoutes } from './features/push/push.routes.js';
import { registerSeedRoutes } from './features/seed/seed.routes.js';
import { registerSettingsRoutes } from './features/settings/settings.routes.js';
import { registerSetupRoutes } from './features/setup/setup.routes.js';
import { registerStoryRoutes } from './features/stories/stories.routes.js';
import { registerTopicRoutes } from './features/topics/topics.routes.js';
import { registerUserRoutes } from './features/users/users.routes.js';
import { registerAuthentication } from './platform/auth/authenticate.js';
import type { Config } from './platform/config.js';
import type { Actor, Ctx } from './platform/context.js';
import type { DatabaseHandle } from './platform/db/database.js';
import { assertAccessDeclared, enforceAccess } from './platform/http/access.js';
import { pickLocale } from './platform/http/locale.js';
import { redactUrl } from './platform/http/log-redaction.js';
import { registerOps } from './platform/http/ops.js';
import { handleError, sendProblem } from './platform/http/problem.js';
import { securityHeaders } from './platform/http/security-headers.js';
import { createMailer, type Mailer } from './platform/mail/mailer.js';
import { type Bus, createLocalBus } from './platform/realtime/bus.js';
import { createRedisBus } from './platform/realtime/bus.redis.js';
import {
  createPresence,
  type GatewayOptions,
  registerRealtimeRoutes,
  websocketPluginOptions,
} from './platform/realtime/gateway.js';

declare module 'fastify' {
  interface FastifyRequest {
    locale: Locale;
    actor: Actor | null;
    /** The per-request context services take as their first argument. */
    ctx: Ctx;
  }
  interface FastifyInstance {
    config: Config;
    database: DatabaseHandle;
    mailer: Mailer;
    bus: Bus;
  }
}

export type App = FastifyInstance;

export interface AppOptions {
  config: Config;
  database: DatabaseHandle;
  /** Overrides the mailer (tests capture mail through a real SMTP server instead). */
  mailer?: Mailer;
  /** Overrides the realtime bus (tests run two apps on one bus to stand for two nodes). */
  bus?: Bus;
  /** Tunes the realtime gateway (tests shorten its timers). */
  realtime?: Partial<GatewayOptions>;
  /** Silences request logs (tests). */
  logger?: boolean;
}

const webRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../dist/web');

/**
 * Builds the whole server: platform plugins first, then every feature's routes. The server
 * process and the tests both call this; nothing here listens on a port.
 */
export async function buildApp(options: AppOptions): Promise<FastifyInstance> {
  const { config, database } = options;
  const app = Fastify({
    logger:
      options.logger === false
        ? false
        : {
            level: config.logLevel,
            redact: {
              paths: [
                'req.headers.cookie',
                'req.headers.authorization',
                'req.headers["x-csrf-token"]',
                '*.password',
              ],
              censor: '[redacted]',
            },
            serializers: {
              req: (request: FastifyRequest) => ({
                method: request.method,
                url: redactUrl(request.url),
                host: request.host,
                remoteAddress: request.ip,
                remotePort: request.socket?.remotePort,
              }),
            },
          },
    genReqId: () => randomUUID(),
    requestIdHeader: false,
    trustProxy: config.trustProxy,
    bodyLimit: 1024 * 1024,
    routerOptions: { maxParamLength: 200 },
  }).withTypeProvider<ZodTypeProvider>();

  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.setErrorHandler(handleError);
  app.decorate('config', config);
  app.decorate('database', database);
  app.decorate('mailer', options.mailer ?? createMailer(config, app.log));
  const bus =
    options.bus ?? (config.redisUrl ? createRedisBus(config.redisUrl, config.redisPrefix) : createLocalBus());
  app.decorate('bus', bus);
  if (!options.bus) app.addHook('onClose', () => bus.close());
  const presence = createPresence(config, database.db, app.log);
  app.decorate('presence', presence);
  app.addHook('onClose', () => presence.close());
  app.decorateRequest('locale', 'en');
  app.decorateRequest('actor', null);
  app.decorateRequest('ctx', null as unknown as Ctx);

  await app.register(fastifyCookie);
  app.addHook('onRequest', async (request, reply) => {
    request.locale = pickLocale(request.headers['accept-language'], request.cookies['atrium-lang']);
    reply.header('x-request-id', request.id);
  });
  app.addHook('onSend', securityHeaders(config));

  await app.register(fastifySwagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Atrium API',
        description: 'The HTTP API of Atrium, a self-hosted corporate social network.',
        version: '1',
      },
      components: {
        securitySchemes: {
          session: { type: 'apiKey', in: 'cookie', name: 'sid' },
          csrf: { type: 'apiKey', in: 'header', name: 'x-csrf-token' },
        },
      },
    },
    transform: jsonSchemaTransform,
  });
  await app.register(fastifySwaggerUi, { routePrefix: '/api/docs', staticCSP: true });
  await app.register(fastifyWebsocket, websocketPluginOptions);

  // Every API route declares who may call it; the check runs before the body is validated.
  app.addHook('onRoute', assertAccessDeclared);
  app.addHook('preValidation', enforceAccess);
  await registerAuthentication(app);
  registerOps(app);
  app.get('/api/v1/openapi.json', { schema: { hide: true } }, async () => app.swagger());

  await app.register(
    async (api) => {
      registerSetupRoutes(api);
      registerAuthRoutes(api);
      registerUserRoutes(api);
      registerDepartmentRoutes(api);
      registerGroupRoutes(api);
      registerSettingsRoutes(api);
      registerImportRoutes(api);
      registerSeedRoutes(api);
      registerRealtimeRoutes(api, options.realtime);
      registerPresenceRoutes(api);
      registerNotificationRoutes(api);
      registerMarkdownRoutes(api);
      registerPostRoutes(api);
      registerFeedRoutes(api);
      registerTopicRoutes(api);
      registerPostKindRoutes(api);
      registerModerationRoutes(api);
      registerBannerRoutes(api);
      registerStoryRoutes(api);
      registerFileRoutes(api);
      registerChatAttachmentRoutes(api);
      registerStickerRoutes(api);
      registerGuestRoutes(api);
      registerChatRoutes(api);
      registerMessageRoutes(api);
      registerPushRoutes(api);
    },
    { prefix: '/api/v1' },
  );

  const hasWeb = fs.existsSync(path.join(webRoot, 'index.html'));
  if (hasWeb) {
    await app.register(fastifyStatic, { root: webRoot, wildcard: false, index: false });
  }
  app.setNotFoundHandler((request, reply) => {
    const isPage =
      request.method === 'GET' && !request.url.startsWith('/api/') && !request.url.startsWith('/scim/');
    if (isPage && hasWeb) {
      // The web app routes on the client: every page address serves the same shell.
      return reply.type('text/html; charset=utf-8').sendFile('index.html');
    }
    return sendProblem(request, reply, 'NOT_FOUND');
  });

  return app;
}

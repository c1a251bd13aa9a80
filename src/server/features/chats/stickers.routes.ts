import fastifyMultipart from '@fastify/multipart';
import type { FastifyReply } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  stickerOrderBodySchema,
  stickerPackBodySchema,
  stickerPackListSchema,
  stickerPackSchema,
  stickerPackUpdateBodySchema,
} from '../../../shared/api/chats.js';
import type { App } from '../../app.js';
import { contentDisposition, userContentSecurityHeaders } from '../../platform/files/content-headers.js';
import { binaryPart, closingOnError, multipartValidatorCompiler } from '../../platform/http/multipart.js';
import {
  addSticker,
  createPack,
  listAllPacks,
  listUsablePacks,
  openStickerImage,
  removePack,
  removeSticker,
  reorderPacks,
  reorderStickers,
  updatePackSettings,
} from './stickers.service.js';

const tags = ['stickers'];
const idParams = z.object({ id: z.uuid() });
const stickerParams = z.object({ id: z.uuid(), stickerId: z.uuid() });

/**
 * Headers of a sticker image: the user-content ones (nosniff, sandboxing CSP), but cached for a
 * year — a sticker's bytes never change under its id (the blob is content-addressed and a
 * sticker is never re-pointed). `private`: it is served to signed-in people only. Set again just
 * before sending, after the app-wide headers.
 */
const stickerImageHeaders = {
  ...userContentSecurityHeaders,
  'cache-control': 'private, max-age=31536000, immutable',
};
async function reapplyStickerHeaders(_request: unknown, reply: FastifyReply, payload: unknown) {
  if (reply.statusCode === 200) reply.headers(stickerImageHeaders);
  return payload;
}

/** Corporate sticker packs (C5): picking stickers, and their management by platform admins. */
export function registerStickerRoutes(app: App): void {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/stickers',
    {
      config: { access: 'signed-in' },
      schema: {
        tags,
        summary: 'The sticker packs anyone may send from (not archived, with stickers), in order',
        response: { 200: stickerPackListSchema },
      },
    },
    async (request) => ({ items: await listUsablePacks(request.ctx) }),
  );

  r.get(
    '/stickers/:id/image',
    {
      config: { access: 'signed-in' },
      onSend: reapplyStickerHeaders,
      schema: {
        tags,
        summary: 'The image of a sticker (PNG, WebP or GIF; cached for a year)',
        params: idParams,
        produces: ['image/png', 'image/webp', 'image/gif'],
        response: { 200: binaryPart.describe('The image') },
      },
    },
    async (request, reply) => {
      const image = await openStickerImage(request.ctx, request.params.id);
      reply.type(image.mime).header('content-disposition', contentDisposition('sticker', true));
      reply.header('content-length', String(image.size));
      return reply.send(image.stream);
    },
  );

  r.get(
    '/sticker-packs',
    {
      config: { access: 'admin' },
      schema: {
        tags,
        summary: 'Every sticker pack, archived ones too (admins)',
        response: { 200: stickerPackListSchema },
      },
    },
    async (request) => ({ items: await listAllPacks(request.ctx) }),
  );

  r.post(
    '/sticker-packs',
    {
      config: { access: 'admin' },
      schema: {
        tags,
        summary: 'Create a sticker pack (admins)',
        body: stickerPackBodySchema,
        response: { 201: stickerPackSchema },
      },
    },
    async (request, reply) => reply.code(201).send(await createPack(request.ctx, request.body)),
  );

  r.put(
    '/sticker-packs/order',
    {
      config: { access: 'admin' },
      schema: {
        tags,
        summary: 'Reorder the sticker packs: every pack id, first to last (admins)',
        body: stickerOrderBodySchema,
        response: { 200: stickerPackListSchema },
      },
    },
    async (request) => ({ items: await reorderPacks(request.ctx, request.body.ids) }),
  );

  r.patch(
    '/sticker-packs/:id',
    {
      config: { access: 'admin' },
      schema: {
        tags,
        summary: 'Rename, archive or restore a sticker pack (admins)',
        params: idParams,
        body: stickerPackUpdateBodySchema,
        response: { 200: stickerPackSchema },
      },
    },
    (request) => updatePackSettings(request.ctx, request.params.id, request.body),
  );

  r.delete(
    '/sticker-packs/:id',
    {
      config: { access: 'admin' },
      schema: {
        tags,
        summary: 'Delete a sticker pack, or archive it when its stickers were sent (admins)',
        params: idParams,
        response: { 200: z.object({ archived: z.boolean() }) },
      },
    },
    (request) => removePack(request.ctx, request.params.id),
  );

  r.put(
    '/sticker-packs/:id/order',
    {
      config: { access: 'admin' },
      schema: {
        tags,
        summary: "Reorder a pack's stickers: every sticker id, first to last (admins)",
        params: idParams,
        body: stickerOrderBodySchema,
        response: { 200: stickerPackSchema },
      },
    },
    (request) => reorderStickers(request.ctx, request.params.id, request.body.ids),
  );

  r.delete(
    '/sticker-packs/:id/stickers/:stickerId',
    {
      config: { access: 'admin' },
      schema: {
        tags,
        summary: 'Delete a sticker never sent in a message (admins)',
        params: stickerParams,
        response: { 200: stickerPackSchema },
      },
    },
    (request) => removeSticker(request.ctx, request.params.id, request.params.stickerId),
  );

  // Multipart in its own scope, so no other route accepts multipart bodies.
  app.register(async (scope) => {
    await scope.register(fastifyMultipart, { throwFileSizeLimit: true });
    scope.withTypeProvider<ZodTypeProvider>().post(
      '/sticker-packs/:id/stickers',
      {
        config: { access: 'admin', bodyTypes: ['multipart/form-data'] },
        validatorCompiler: multipartValidatorCompiler,
        schema: {
          tags,
          summary:
            'Add a sticker (multipart: part "file" — PNG, WebP or GIF, ≤ 512 KB, ≤ 2 MP — and optional field "emoji"; admins)',
          consumes: ['multipart/form-data'],
          params: idParams,
          body: z.object({ emoji: z.string().optional(), file: binaryPart }),
          response: { 201: stickerPackSchema },
        },
      },
      async (request, reply) =>
        closingOnError(request, reply, async () =>
          reply.code(201).send(await addSticker(request.ctx, request.params.id, request)),
        ),
    );
  });
}

import fastifyMultipart from '@fastify/multipart';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { chatIdParamsSchema, messageAttachmentSchema } from '../../../shared/api/chats.js';
import type { App } from '../../app.js';
import { contentDisposition } from '../../platform/files/content-headers.js';
import { binaryPart, closingOnError, multipartValidatorCompiler } from '../../platform/http/multipart.js';
import { reapplyUserContentHeaders, sendContent } from '../files/file-content.reply.js';
import { openAttachment, openAttachmentThumbnail, uploadAttachment } from './chat-attachments.service.js';

const tags = ['chats'];
const attachmentParamsSchema = z.object({ id: z.uuid(), attachmentId: z.uuid() });
const contentQuerySchema = z.object({ download: z.stringbool().default(false) });

/**
 * Files in chats (C4): uploads (multipart, in this plugin's own scope so no other route takes
 * multipart bodies) and downloads served with the same safe headers as documents (R27): raster
 * images inline, everything else — SVG included — as an attachment, nosniff, sandboxing CSP.
 */
export function registerChatAttachmentRoutes(app: App): void {
  app.register(async (scope) => {
    await scope.register(fastifyMultipart, { throwFileSizeLimit: true });
    const r = scope.withTypeProvider<ZodTypeProvider>();
    r.post(
      '/chats/:id/attachments',
      {
        config: { access: 'signed-in', bodyTypes: ['multipart/form-data'] },
        validatorCompiler: multipartValidatorCompiler,
        schema: {
          tags,
          summary:
            'Upload a file to send in a chat (multipart part "file"; members who may post). Pending until a message claims it',
          consumes: ['multipart/form-data'],
          params: chatIdParamsSchema,
          body: z.object({ file: binaryPart }),
          response: { 201: messageAttachmentSchema },
        },
      },
      async (request, reply) =>
        closingOnError(request, reply, async () => {
          const attachment = await uploadAttachment(request.ctx, request.params.id, request);
          return reply.code(201).send(attachment);
        }),
    );
  });

  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get(
    '/chats/:id/attachments/:attachmentId',
    {
      config: { access: 'signed-in' },
      onSend: reapplyUserContentHeaders,
      schema: {
        tags,
        summary:
          "A chat file's bytes (members; a byte range with Range; ?download=true). Attachment except raster images",
        params: attachmentParamsSchema,
        querystring: contentQuerySchema,
        response: { 200: binaryPart.describe('The bytes'), 206: binaryPart.describe('A range of the bytes') },
      },
    },
    async (request, reply) => {
      const { id, attachmentId } = request.params;
      const content = await openAttachment(request.ctx, id, attachmentId, request.headers.range);
      return sendContent(reply, content, request.query.download);
    },
  );

  r.get(
    '/chats/:id/attachments/:attachmentId/thumbnail',
    {
      config: { access: 'signed-in' },
      onSend: reapplyUserContentHeaders,
      schema: {
        tags,
        summary: 'A WebP preview of an image sent in a chat (members)',
        params: attachmentParamsSchema,
        produces: ['image/webp'],
        response: { 200: binaryPart.describe('The WebP thumbnail') },
      },
    },
    async (request, reply) => {
      const stream = await openAttachmentThumbnail(
        request.ctx,
        request.params.id,
        request.params.attachmentId,
      );
      reply.type('image/webp').header('content-disposition', contentDisposition('thumbnail.webp', true));
      return reply.send(stream);
    },
  );
}

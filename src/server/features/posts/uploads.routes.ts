import fastifyMultipart from '@fastify/multipart';
import { validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  postLimits,
  uploadIdParamsSchema,
  uploadImageTypes,
  uploadSchema,
} from '../../../shared/api/posts.js';
import type { App } from '../../app.js';
import { requireActor } from '../../platform/auth/guards.js';
import { AppError } from '../../platform/http/errors.js';
import { createUpload, readUpload } from './uploads.service.js';

const tags = ['posts'];
const binary = z.custom<unknown>(() => true).meta({ type: 'string', format: 'binary' });

/**
 * Image uploads for posts. Multipart parsing is registered in this plugin's own scope, so no
 * other route accepts multipart bodies. Served images carry their sniffed type, `nosniff`, and a
 * CSP that lets nothing run should a browser open one as a page (R27).
 */
export function registerUploadRoutes(app: App): void {
  app.register(async (scope) => {
    await scope.register(fastifyMultipart, {
      limits: { fileSize: postLimits.uploadBytes, files: 1, fields: 5, parts: 6, headerPairs: 100 },
    });
    const r = scope.withTypeProvider<ZodTypeProvider>();

    r.post(
      '/uploads',
      {
        config: { access: 'signed-in', bodyTypes: ['multipart/form-data'] },
        // The multipart body is read as a stream in the handler; its schema documents it only.
        validatorCompiler: (def) =>
          def.httpPart === 'body'
            ? (data: unknown) => ({ value: data })
            : validatorCompiler(def as unknown as Parameters<typeof validatorCompiler>[0]),
        schema: {
          tags,
          summary:
            'Upload an image to attach to a post (multipart field "file": JPEG, PNG, GIF or WebP, ≤ 10 MB)',
          consumes: ['multipart/form-data'],
          body: z.object({ file: binary }),
          response: { 201: uploadSchema },
        },
      },
      async (request, reply) => {
        requireActor(request.ctx);
        if (!request.isMultipart()) throw new AppError('UNSUPPORTED_MEDIA_TYPE');
        const file = await request.file();
        if (!file) throw new AppError('UPLOAD_MISSING');
        let bytes: Buffer;
        try {
          bytes = await file.toBuffer();
        } catch (error) {
          if (error instanceof scope.multipartErrors.RequestFileTooLargeError) {
            throw new AppError('UPLOAD_TOO_LARGE', { maxMb: postLimits.uploadBytes / 1024 / 1024 });
          }
          throw error;
        }
        const upload = await createUpload(request.ctx, bytes, file.filename);
        return reply.code(201).send(upload);
      },
    );

    r.get(
      '/uploads/:id',
      {
        config: { access: 'signed-in' },
        // Runs after the app-wide security headers: an image gets its own, stricter CSP and may
        // be cached by the viewer's browser (its bytes never change under its id).
        onSend: async (_request, reply, payload) => {
          if (reply.statusCode === 200) {
            reply.header('content-security-policy', "default-src 'none'; sandbox");
            reply.header('cache-control', 'private, max-age=3600');
          }
          return payload;
        },
        schema: {
          tags,
          summary: 'An uploaded image (to its owner and to whoever may read a post it is attached to)',
          params: uploadIdParamsSchema,
          produces: [...uploadImageTypes],
          // A Buffer payload is sent as is: this schema documents it, the serializer never runs.
          response: { 200: binary.describe('The image bytes') },
        },
      },
      async (request, reply) => {
        const image = await readUpload(request.ctx, request.params.id);
        return reply
          .type(image.mime)
          .header('content-disposition', 'inline')
          .header('x-content-type-options', 'nosniff')
          .send(image.bytes);
      },
    );
  });
}

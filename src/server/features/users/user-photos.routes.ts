import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { photoLimits, photoResponseSchema, userIdParamsSchema } from '../../../shared/api/users.js';
import type { App } from '../../app.js';
import { AppError } from '../../platform/http/errors.js';
import { readUserPhoto, removeUserPhoto, setUserPhoto } from './user-photos.service.js';

const tags = ['people'];
const rawTypes = ['application/octet-stream', ...photoLimits.types];
/** Raw image bytes: a Buffer in the handler, `string/binary` in the OpenAPI document. */
const imageBytes = z
  .custom<Uint8Array>((value) => value instanceof Uint8Array)
  .meta({ type: 'string', format: 'binary' });

/**
 * Profile photos. Uploads are the raw image bytes (no multipart), at most 5 MB; the parser for
 * raw bodies is registered in this plugin's own scope so no other route accepts them.
 */
export function registerPhotoRoutes(app: App): void {
  app.register(async (scope) => {
    scope.addContentTypeParser(
      rawTypes,
      { parseAs: 'buffer', bodyLimit: photoLimits.maxBytes },
      (_req, body, done) => done(null, body),
    );
    const r = scope.withTypeProvider<ZodTypeProvider>();

    r.put(
      '/users/:id/photo',
      {
        config: { access: 'signed-in', bodyTypes: rawTypes },
        schema: {
          tags,
          summary: 'Set a profile photo: the body is the JPEG, PNG or WebP file itself (≤ 5 MB)',
          params: userIdParamsSchema,
          consumes: rawTypes,
          // Any body passes the schema; the handler answers 415 for anything but raw bytes.
          body: z
            .custom<unknown>(() => true)
            .meta({ type: 'string', format: 'binary' })
            .describe('The image file itself'),
          response: { 200: photoResponseSchema },
        },
      },
      (request) => {
        if (!Buffer.isBuffer(request.body)) throw new AppError('UNSUPPORTED_MEDIA_TYPE');
        return setUserPhoto(request.ctx, request.params.id, request.body);
      },
    );

    r.delete(
      '/users/:id/photo',
      {
        config: { access: 'signed-in' },
        schema: {
          tags,
          summary: 'Remove a profile photo',
          params: userIdParamsSchema,
          response: { 204: z.null().describe('Removed') },
        },
      },
      async (request, reply) => {
        await removeUserPhoto(request.ctx, request.params.id);
        return reply.code(204).send(null);
      },
    );

    r.get(
      '/users/:id/photo',
      {
        config: { access: 'signed-in' },
        schema: {
          tags,
          summary: 'A profile photo (image/jpeg, image/png or image/webp)',
          params: userIdParamsSchema,
          produces: [...photoLimits.types],
          // A Buffer payload is sent as is: this schema documents it, the serializer never runs.
          response: { 200: imageBytes.describe('The image bytes') },
        },
      },
      async (request, reply) => {
        const photo = await readUserPhoto(request.ctx, request.params.id);
        return reply
          .type(photo.type)
          .header('content-disposition', 'inline')
          .header('x-content-type-options', 'nosniff')
          .send(photo.bytes);
      },
    );
  });
}

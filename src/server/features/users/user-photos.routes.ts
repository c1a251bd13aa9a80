import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { photoLimits, photoResponseSchema, userIdParamsSchema } from '../../../shared/api/users.js';
import type { App } from '../../app.js';
import { AppError } from '../../platform/http/errors.js';
import { readUserPhoto, removeUserPhoto, setUserPhoto } from './user-photos.service.js';

const tags = ['people'];
const rawTypes = ['application/octet-stream', ...photoLimits.types];

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
        schema: { tags, summary: 'Remove a profile photo', params: userIdParamsSchema },
      },
      async (request, reply) => {
        await removeUserPhoto(request.ctx, request.params.id);
        return reply.code(204).send();
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

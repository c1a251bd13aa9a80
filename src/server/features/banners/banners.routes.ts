import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  bannerIdParamsSchema,
  bannerListQuerySchema,
  bannerPageSchema,
  bannerSchema,
  createBannerBodySchema,
  updateBannerBodySchema,
} from '../../../shared/api/banners.js';
import type { App } from '../../app.js';
import { createBanner, deleteBanner, listBanners, updateBanner } from './banners.service.js';

const tags = ['banners'];

/** Pinned banners (P7): everyone signed in lists them (guests get none); moderators manage them. */
export function registerBannerRoutes(app: App): void {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/banners',
    {
      config: { access: 'signed-in' },
      schema: {
        tags,
        summary: 'The banners running now, newest first (none for guests)',
        querystring: bannerListQuerySchema,
        response: { 200: bannerPageSchema },
      },
    },
    (request) => listBanners(request.ctx, request.query),
  );

  r.post(
    '/banners',
    {
      config: { access: 'moderator' },
      schema: {
        tags,
        summary: 'Publish a banner until its end date (moderators and admins)',
        body: createBannerBodySchema,
        response: { 201: bannerSchema },
      },
    },
    async (request, reply) => reply.code(201).send(await createBanner(request.ctx, request.body)),
  );

  r.patch(
    '/banners/:id',
    {
      config: { access: 'moderator' },
      schema: {
        tags,
        summary: 'Edit a banner or move its end date (moderators and admins)',
        params: bannerIdParamsSchema,
        body: updateBannerBodySchema,
        response: { 200: bannerSchema },
      },
    },
    (request) => updateBanner(request.ctx, request.params.id, request.body),
  );

  r.delete(
    '/banners/:id',
    {
      config: { access: 'moderator' },
      schema: {
        tags,
        summary: 'Remove a banner (moderators and admins)',
        params: bannerIdParamsSchema,
        response: { 204: z.null().describe('Removed') },
      },
    },
    async (request, reply) => {
      await deleteBanner(request.ctx, request.params.id);
      return reply.code(204).send(null);
    },
  );
}

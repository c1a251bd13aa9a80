import { z } from 'zod';
import { pageQuerySchema, pageSchema } from './pagination.js';

/**
 * Contracts of pinned banners (P7): short company-wide notices with an end date, shown across
 * the top of the feed to every employee until they end. Platform moderators and admins manage
 * them; the body is Markdown rendered and sanitised on the server.
 */

export const bannerLimits = { title: 200, body: 5000, linkUrl: 2000 } as const;

export const bannerIdParamsSchema = z.object({ id: z.uuid() });

/** A link people click (the server never fetches it): http or https only. */
const httpUrl = z.url({ protocol: /^https?$/ }).max(bannerLimits.linkUrl);

export const bannerSchema = z.object({
  id: z.string(),
  /** Plain text, stored as sent (after the R32 normalisation). */
  title: z.string(),
  /** The Markdown source. */
  body: z.string(),
  /** The sanitised rendering of `body`: safe to insert as is. */
  html: z.string(),
  linkUrl: z.string().nullable(),
  endsAt: z.string(),
  createdAt: z.string(),
  createdBy: z.object({ id: z.string(), name: z.string() }).nullable(),
  abilities: z.object({ edit: z.boolean(), delete: z.boolean() }),
});
export type Banner = z.infer<typeof bannerSchema>;
export const bannerPageSchema = pageSchema(bannerSchema);
export const bannerListQuerySchema = pageQuerySchema;

/** `POST /banners`. `endsAt` must lie in the future. */
export const createBannerBodySchema = z.strictObject({
  title: z.string().min(1).max(bannerLimits.title),
  body: z.string().max(bannerLimits.body).optional(),
  linkUrl: httpUrl.optional(),
  endsAt: z.iso.datetime({ offset: true }),
});
export type CreateBannerBody = z.infer<typeof createBannerBodySchema>;

/** `PATCH /banners/{id}`: any of the fields; `linkUrl: null` removes the link. */
export const updateBannerBodySchema = z
  .strictObject({
    title: z.string().min(1).max(bannerLimits.title),
    body: z.string().max(bannerLimits.body),
    linkUrl: httpUrl.nullable(),
    endsAt: z.iso.datetime({ offset: true }),
  })
  .partial()
  .refine((b) => Object.keys(b).length > 0, { message: 'Nothing to change' });
export type UpdateBannerBody = z.infer<typeof updateBannerBodySchema>;

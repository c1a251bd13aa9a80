import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { markdownPreviewBodySchema, markdownPreviewSchema } from '../../../shared/api/markdown.js';
import type { App } from '../../app.js';
import { renderMarkdown } from '../../platform/markdown/render.js';

/**
 * The composer's preview: the exact rendering the server will store, so what a person sees
 * before publishing is what everyone sees after (the client never renders Markdown itself).
 */
export function registerMarkdownRoutes(app: App): void {
  app.withTypeProvider<ZodTypeProvider>().post(
    '/markdown/preview',
    {
      config: { access: 'signed-in' },
      schema: {
        tags: ['posts'],
        summary: 'Render Markdown as a post would show it',
        body: markdownPreviewBodySchema,
        response: { 200: markdownPreviewSchema },
      },
    },
    async (request) => ({ html: renderMarkdown(request.body.body) }),
  );
}

import { z } from 'zod';

/** The longest Markdown a post, comment or banner body may be. */
export const maxMarkdownLength = 20_000;

export const markdownPreviewBodySchema = z.strictObject({ body: z.string().max(maxMarkdownLength) });
export const markdownPreviewSchema = z.object({ html: z.string() });

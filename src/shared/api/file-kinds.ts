import { z } from 'zod';

/**
 * What a file is, for previews: decided from the bytes, never from the name or the client. Its
 * own module so posts (which show attached files) and files share it without importing each other.
 */
export const fileKinds = ['image', 'pdf', 'text', 'markdown', 'office', 'archive', 'media', 'other'] as const;
export const fileKindSchema = z.enum(fileKinds);
export type FileKind = z.infer<typeof fileKindSchema>;

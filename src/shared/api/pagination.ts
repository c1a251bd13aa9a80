import { z } from 'zod';

/** Page sizes every list accepts. */
export const pageLimits = { default: 25, max: 100 } as const;

/** `?limit=&cursor=` of every list. The cursor is opaque: pass back `nextCursor` verbatim. */
export const pageQuerySchema = z.object({
  limit: z.coerce.number().int().min(1).max(pageLimits.max).default(pageLimits.default),
  cursor: z.string().min(1).max(512).optional(),
});

/** `{ items, nextCursor }`: `nextCursor` is null on the last page. */
export function pageSchema<T extends z.ZodType>(item: T) {
  return z.object({ items: z.array(item), nextCursor: z.string().nullable() });
}

export type PageQuery = z.infer<typeof pageQuerySchema>;
export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

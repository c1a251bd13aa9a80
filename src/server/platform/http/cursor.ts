import type { z } from 'zod';
import { AppError } from './errors.js';

/**
 * Opaque list cursors (DESIGN.md: never OFFSET). A cursor is the sort key of the last item of a
 * page, as base64url JSON; the next page starts strictly after it, so inserts between requests
 * never shift or repeat items. Clients must not build cursors; the server validates every one
 * it receives against the list's key schema and answers 400 to anything else.
 */
export function encodeCursor(key: unknown): string {
  return Buffer.from(JSON.stringify(key), 'utf8').toString('base64url');
}

const base64url = /^[A-Za-z0-9_-]+$/;

/** Decodes a cursor into its sort key, or throws 400 INVALID_CURSOR. `undefined` passes through. */
export function decodeCursor<S extends z.ZodType>(
  schema: S,
  cursor: string | undefined,
): z.infer<S> | undefined {
  if (cursor === undefined) return undefined;
  if (!base64url.test(cursor) || cursor.length > 1024) throw new AppError('INVALID_CURSOR');
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw new AppError('INVALID_CURSOR');
  }
  const result = schema.safeParse(parsed);
  if (!result.success) throw new AppError('INVALID_CURSOR');
  return result.data;
}

/**
 * Cuts a page out of `limit + 1` fetched rows: the extra row only tells that another page
 * exists, and the cursor is the key of the last row actually returned.
 */
export function pageOf<R, T>(
  rows: R[],
  limit: number,
  keyOf: (row: R) => unknown,
  present: (row: R) => T,
): { items: T[]; nextCursor: string | null } {
  const page = rows.slice(0, limit);
  const last = page[page.length - 1];
  return {
    items: page.map(present),
    nextCursor: rows.length > limit && last !== undefined ? encodeCursor(keyOf(last)) : null,
  };
}

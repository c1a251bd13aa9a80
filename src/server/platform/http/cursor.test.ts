import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { decodeCursor, encodeCursor, pageOf } from './cursor.js';

const key = z.strictObject({ n: z.string().max(1000), i: z.string().max(100) });

describe('cursors', () => {
  it('round-trips every sort key', () => {
    fc.assert(
      fc.property(fc.record({ n: fc.string({ maxLength: 1000, unit: 'binary' }), i: fc.uuid() }), (value) => {
        expect(decodeCursor(key, encodeCursor(value))).toEqual(value);
      }),
    );
  });

  it('answers every other string with INVALID_CURSOR, never another error', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 300, unit: 'binary' }), (garbage) => {
        try {
          const decoded = decodeCursor(key, garbage);
          // Anything that decodes must be a valid key (it could only come from encodeCursor).
          expect(key.parse(decoded)).toEqual(decoded);
        } catch (error) {
          expect(error).toMatchObject({ code: 'INVALID_CURSOR', status: 400 });
        }
      }),
    );
  });

  it('refuses well-formed cursors of the wrong shape', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        const parsed = key.safeParse(value);
        if (parsed.success) return;
        expect(() => decodeCursor(key, encodeCursor(value))).toThrow('INVALID_CURSOR');
      }),
    );
  });

  it('cuts pages with the cursor of the last item returned', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer(), { maxLength: 30 }),
        fc.integer({ min: 1, max: 10 }),
        (rows, limit) => {
          const page = pageOf(
            rows,
            limit,
            (r) => ({ v: r }),
            (r) => r * 2,
          );
          expect(page.items).toEqual(rows.slice(0, limit).map((r) => r * 2));
          if (rows.length > limit)
            expect(JSON.parse(Buffer.from(page.nextCursor!, 'base64url').toString())).toEqual({
              v: rows[limit - 1],
            });
          else expect(page.nextCursor).toBeNull();
        },
      ),
    );
  });
});

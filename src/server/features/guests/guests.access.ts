import { guestLimits } from '../../../shared/api/guests.js';
import { errorMessage } from '../../../shared/errors.js';
import type { Ctx } from '../../platform/context.js';
import { AppError } from '../../platform/http/errors.js';

/**
 * When a guest's access ends (R04), whoever makes them a guest: an invitation, an administrator
 * creating the person or changing their role, the CSV import. Every guest has an end: the
 * default lifetime unless one is chosen, and a chosen one is in the future and at most
 * `guestLimits.maxAccessDays` away. Nothing here reads the database, so the people lifecycle
 * (features/users) can use it without depending on the invitation flow.
 */

const dayMs = 86_400_000;

/** The default access end from `now`: `guestLimits.defaultAccessDays` later. */
export function defaultAccessEnd(now: Date): string {
  return new Date(now.getTime() + guestLimits.defaultAccessDays * dayMs).toISOString();
}

type ExpiryError = 'GUEST_EXPIRY_PAST' | 'GUEST_EXPIRY_TOO_FAR' | 'VALIDATION_FAILED';

function fieldError(code: ExpiryError, ctx: Pick<Ctx, 'locale'>, field: string) {
  const params = { days: guestLimits.maxAccessDays };
  return new AppError(code, params, [{ field, code, message: errorMessage(code, ctx.locale, params) }]);
}

/**
 * The access end asked for, checked: undefined gives the default; otherwise it must parse, be
 * in the future and at most 365 days away (400 with a field error on `field`).
 */
export function accessEndFrom(
  ctx: Pick<Ctx, 'locale'>,
  requested: string | undefined,
  now: Date,
  field = 'expiresAt',
): string {
  if (requested === undefined) return defaultAccessEnd(now);
  const at = Date.parse(requested);
  if (!Number.isFinite(at)) throw fieldError('VALIDATION_FAILED', ctx, field);
  if (at <= now.getTime()) throw fieldError('GUEST_EXPIRY_PAST', ctx, field);
  if (at > now.getTime() + guestLimits.maxAccessDays * dayMs)
    throw fieldError('GUEST_EXPIRY_TOO_FAR', ctx, field);
  return new Date(at).toISOString();
}

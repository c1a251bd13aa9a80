import { guestLimits } from '../../../shared/api/guests.js';
import type { UserRole } from '../../../shared/api/users.js';
import type { Locale } from '../../../shared/errors.js';
import { AppError } from '../../platform/http/errors.js';
import { accessEndFrom } from '../guests/guests.access.js';
import { type IssueList, parseDate } from './imports.issues.js';

/**
 * The access end a row gives its guest (`access_expires_at`): the end of the day written, in
 * UTC, so "until 12 March" includes the 12th and the same file always means the same instant
 * (re-importing it changes nothing). The day is read as the import's other dates are, and the
 * instant checked by the rules the people API applies (`accessEndFrom`: in the future, at most
 * `guestLimits.maxAccessDays` away; only for guests). An empty cell or no column: undefined — a
 * new guest gets the default lifetime, an existing one keeps their end.
 *
 * Every problem is a row error, not a warning that drops the value: without the date the guest
 * would get the default or keep their current end, which may be longer than the file says.
 */
export function readAccessEnd(
  cell: string | undefined,
  input: { line: number; roleAfter: UserRole; now: Date; locale: Locale },
  issues: IssueList,
): string | undefined {
  if (cell === undefined || !cell.trim()) return undefined;
  const { line, roleAfter, now, locale } = input;
  if (roleAfter !== 'guest') {
    issues.error(line, 'access_expires_at', 'ACCESS_END_NOT_GUEST');
    return undefined;
  }
  const day = parseDate(cell);
  if (!day) {
    issues.error(line, 'access_expires_at', 'ACCESS_END_INVALID');
    return undefined;
  }
  try {
    return accessEndFrom({ locale }, `${day}T23:59:59.999Z`, now, 'access_expires_at');
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    if (error.code === 'GUEST_EXPIRY_PAST') issues.error(line, 'access_expires_at', 'ACCESS_END_PAST');
    else if (error.code === 'GUEST_EXPIRY_TOO_FAR')
      issues.error(line, 'access_expires_at', 'ACCESS_END_TOO_FAR', { days: guestLimits.maxAccessDays });
    else throw error;
    return undefined;
  }
}

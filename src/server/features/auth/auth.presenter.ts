import type { SessionItem, SessionUser } from '../../../shared/api/auth.js';
import type { PasswordPolicy } from '../../../shared/api/settings.js';
import { isPasswordExpired } from '../../platform/auth/password-policy.js';
import { publicSessionId } from '../../platform/auth/sessions.js';
import type { SessionsTable } from '../../platform/db/schema.js';
import { photoUrlOf } from '../users/users.presenter.js';
import type { AuthUser } from './auth.queries.js';

/** The signed-in person as every page of the web app needs them. */
export function presentSessionUser(user: AuthUser, policy: PasswordPolicy): SessionUser {
  return {
    id: user.id,
    email: user.email,
    name: user.name,
    role: user.role,
    status: user.status,
    locale: user.locale === 'ru' || user.locale === 'en' ? user.locale : null,
    photoUrl: photoUrlOf(user),
    departmentId: user.department_id,
    mustChangePassword: isPasswordExpired(policy, user.password_changed_at),
    accessExpiresAt: user.access_expires_at,
  };
}

/** One of the person's sessions, by its public id; `currentId` is the session of the request. */
export function presentSessionItem(row: SessionsTable, currentId: string | undefined): SessionItem {
  return {
    id: publicSessionId(row.id),
    createdAt: row.created_at,
    lastSeenAt: row.last_seen_at,
    expiresAt: row.expires_at,
    ip: row.ip,
    userAgent: row.user_agent,
    current: row.id === currentId,
  };
}

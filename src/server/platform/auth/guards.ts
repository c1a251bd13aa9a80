import type { Actor, Ctx } from '../context.js';
import type { UserRole } from '../db/schema.js';
import { AppError } from '../http/errors.js';

/** The signed-in actor, or a 401 for an anonymous caller. */
export function requireActor(ctx: Ctx): Actor {
  if (!ctx.actor) throw new AppError('UNAUTHENTICATED');
  return ctx.actor;
}

/** The signed-in actor if they hold one of `roles`; 401 when anonymous, 403 otherwise. */
export function requireRole(ctx: Ctx, ...roles: UserRole[]): Actor {
  const actor = requireActor(ctx);
  if (!roles.includes(actor.role)) throw new AppError('FORBIDDEN');
  return actor;
}

/** Any signed-in member of the company: everyone but guests. */
export function requireEmployee(ctx: Ctx): Actor {
  return requireRole(ctx, 'admin', 'moderator', 'employee');
}

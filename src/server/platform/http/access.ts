import type { FastifyReply, FastifyRequest, RouteOptions } from 'fastify';
import type { UserRole } from '../db/schema.js';
import { AppError } from './errors.js';

/**
 * Who may call a route at all, declared on every API route as `config: { access }` and checked
 * before the body is validated, so an anonymous or under-privileged caller is refused (401/403)
 * whatever they send. Finer, per-object decisions (may this person edit that profile?) stay in
 * each feature's policy module.
 * - `public`: anyone, signed in or not (setup, sign-in, sign-up, password reset)
 * - `signed-in`: any active session, guests included
 * - `employee`: a member of the company: admin, moderator or employee — never a guest
 * - `moderator`: moderators and admins
 * - `admin`: administrators only
 */
export type Access = 'public' | 'signed-in' | 'employee' | 'moderator' | 'admin';

declare module 'fastify' {
  interface FastifyContextConfig {
    access?: Access;
  }
}

const rolesFor: Record<Exclude<Access, 'public' | 'signed-in'>, readonly UserRole[]> = {
  employee: ['admin', 'moderator', 'employee'],
  moderator: ['admin', 'moderator'],
  admin: ['admin'],
};

/** Startup check: every API route must say who may call it; a forgotten declaration fails the boot. */
export function assertAccessDeclared(route: RouteOptions): void {
  const url = route.url ?? '';
  if (!url.startsWith('/api/v1/') && !url.startsWith('/scim/')) return;
  if (url === '/api/v1/openapi.json') return;
  const access = (route.config as { access?: Access } | undefined)?.access;
  if (!access) throw new Error(`Route ${String(route.method)} ${url} does not declare config.access`);
}

/** preValidation hook: refuses callers the route's `access` does not admit. */
export async function enforceAccess(request: FastifyRequest, _reply: FastifyReply): Promise<void> {
  const access = request.routeOptions.config.access;
  if (!access || access === 'public') return;
  const actor = request.actor;
  if (!actor) throw new AppError('UNAUTHENTICATED');
  if (access === 'signed-in') return;
  if (!rolesFor[access].includes(actor.role)) throw new AppError('FORBIDDEN');
}

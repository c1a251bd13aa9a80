import type { FastifyBaseLogger } from 'fastify';
import type { Locale } from '../../shared/errors.js';
import type { Config } from './config.js';
import type { Db, Dialect, Tx } from './db/database.js';
import type { UserRole, UserStatus } from './db/schema.js';
import { beginEffects, runEffects } from './events/after-commit.js';
import { storageErrorCode } from './http/problem.js';
import { appendLedger, type LedgerEntryInput } from './ledger/ledger.js';
import type { Bus } from './realtime/bus.js';

/** The person acting, as every policy sees them. */
export interface Actor {
  id: string;
  role: UserRole;
  status: UserStatus;
  departmentId: string | null;
  /** The session the request came with; absent for the CLI and jobs. */
  sessionId?: string;
}

/**
 * One explicit context per request, command or job, passed as the first argument to services.
 * No container, no globals: everything a service may touch is here.
 */
export interface Ctx {
  db: Db;
  dialect: Dialect;
  config: Config;
  actor: Actor | null;
  requestId: string;
  log: FastifyBaseLogger;
  locale: Locale;
  ip: string | null;
  userAgent: string | null;
  /** The realtime bus committed stream events are published on. */
  bus: Bus;
}

/**
 * Runs `fn` in one database transaction, then the effects it queued with `afterCommit`
 * (events/after-commit.ts): realtime frames go out only for changes that were committed.
 */
export async function transact<T>(ctx: Ctx, fn: (tx: Tx) => Promise<T>): Promise<T> {
  let effects: ReturnType<typeof beginEffects> = [];
  const result = await ctx.db.transaction().execute((tx) => {
    effects = beginEffects(tx);
    return fn(tx);
  });
  await runEffects(effects, { bus: ctx.bus, log: ctx.log });
  return result;
}

/**
 * `transact`, run again (up to `attempts` times) when it loses a unique-constraint race: for
 * writes that pick a free value by reading first (a group's `@handle`), where a concurrent
 * transaction can take the same value between the read and the insert. Each attempt reads afresh.
 */
export async function transactRetrying<T>(ctx: Ctx, fn: (tx: Tx) => Promise<T>, attempts = 8): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await transact(ctx, fn);
    } catch (error) {
      if (attempt >= attempts || storageErrorCode(error) !== 'CONFLICT') throw error;
      // Losers that retry in lockstep would collide again: spread them out a little.
      await new Promise((resolve) => setTimeout(resolve, Math.random() * 10 * attempt));
    }
  }
}

/**
 * Records an action in the ledger inside `tx`, attributed to the context's actor unless the
 * entry names another. Request metadata (ip, request id) is kept with the entry.
 */
export function record(
  ctx: Ctx,
  tx: Tx,
  entry: Omit<LedgerEntryInput, 'actorId'> & { actorId?: string | null },
): ReturnType<typeof appendLedger> {
  return appendLedger(tx, {
    ...entry,
    actorId: entry.actorId === undefined ? (ctx.actor?.id ?? null) : entry.actorId,
    payload: { ...entry.payload, requestId: ctx.requestId, ip: ctx.ip },
  });
}

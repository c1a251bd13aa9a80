import type { Tx } from '../db/database.js';
import type { Bus } from '../realtime/bus.js';

/** What an after-commit effect may use: the bus, and a logger for its own failures. */
export interface Effects {
  bus: Bus;
  log: { error(obj: unknown, msg?: string): void };
}

export type Effect = (effects: Effects) => void | Promise<void>;

const pending = new WeakMap<Tx, Effect[]>();

/**
 * Queues `effect` to run after `tx` commits (and never if it rolls back): publishing realtime
 * frames, fetching a link preview, anything the outside world must not see before the change
 * is durable. Only transactions opened by `transact` (context.ts) run their effects.
 */
export function afterCommit(tx: Tx, effect: Effect): void {
  const list = pending.get(tx);
  if (!list) throw new Error('afterCommit needs a transaction opened by transact()');
  list.push(effect);
}

/** Used by `transact`: opens the effect list of a new transaction. */
export function beginEffects(tx: Tx): Effect[] {
  const list: Effect[] = [];
  pending.set(tx, list);
  return list;
}

/** Runs committed effects; one failing effect is logged and does not stop the others. */
export async function runEffects(list: Effect[], effects: Effects): Promise<void> {
  for (const effect of list) {
    try {
      await effect(effects);
    } catch (error) {
      effects.log.error({ err: error }, 'after-commit effect failed');
    }
  }
}

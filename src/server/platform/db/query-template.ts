import { type Compilable, type CompiledQuery, PostgresAdapter } from 'kysely';
import { type Executor, prepareOnPostgres } from './database.js';

/**
 * A Kysely query built and compiled once per *shape*, then run with new values: building and
 * compiling the feed's statements through Kysely cost more CPU than SQLite takes to run them
 * (docs/BENCHMARKS.md "feed"), yet their text depends only on a few facts — the viewer's role,
 * whether there is a cursor, how many ids a list holds.
 *
 * The builder gets two arguments: `shape`, the facts its text depends on (passed as they are, and
 * part of the cache key), and `values`, which may only ever end up as bound parameters. On the
 * first run of a shape the builder is called with placeholders in place of `values` (an array
 * of n strings or numbers becomes n placeholders, so its length is part of the shape; `null` and
 * `undefined` stay as they are and are part of the shape too); the compiled statement then
 * records, for each of its parameters, which value fills it. A value the builder transforms
 * (`${value}%`), branches on, or writes into the text is a programming error: it is detected
 * where possible, and outside production every run also builds the query the ordinary way and
 * fails loudly if the two statements differ — the tests run every template that way.
 *
 * On PostgreSQL a template's statement is also prepared by name on each connection (database.ts
 * `prepareOnPostgres`), so the server plans it once rather than on every run.
 */

type Value = string | number | null | undefined | readonly (string | number)[];
type Values = Record<string, Value>;
/** An object of values (interfaces included, which have no index signature). */
type ValuesLike<V> = { [K in keyof V]: Value };

/**
 * Where a compiled parameter comes from: a constant of the builder's, a value, an item of a list
 * (`in (…)` binds each), or a whole list bound as one array (`= any(${list})`, `unnest`).
 */
type Slot = { constant: unknown } | { key: string; index?: number } | { list: string };

interface Plan {
  compiled: CompiledQuery;
  slots: Slot[];
}

export interface QueryTemplate<S, V extends ValuesLike<V>, R> {
  execute(db: Executor, shape: S, values: V): Promise<R[]>;
}

const marker = '\u0000atrium-value:';
const checkEveryRun = process.env.NODE_ENV !== 'production';

export function queryTemplate<S, V extends ValuesLike<V>, R>(
  build: (db: Executor, shape: S, values: V) => Compilable<R>,
): QueryTemplate<S, V, R> {
  const plans = { sqlite: new Map<string, Plan>(), postgres: new Map<string, Plan>() };
  return {
    async execute(db, shape, values) {
      const engine = db.getExecutor().adapter instanceof PostgresAdapter ? 'postgres' : 'sqlite';
      const key = `${JSON.stringify(shape)}|${shapeOfValues(values as Values)}`;
      let plan = plans[engine].get(key);
      if (!plan) {
        const placeholders = placeholdersFor(values as Values);
        plan = makePlan(build(db, shape, placeholders.values as unknown as V).compile(), placeholders.slots);
        plans[engine].set(key, plan);
        if (engine === 'postgres') prepareOnPostgres(plan.compiled.sql);
      }
      const parameters = plan.slots.map((slot) => {
        if ('constant' in slot) return slot.constant;
        if ('list' in slot) return (values as Values)[slot.list];
        const value = (values as Values)[slot.key];
        return slot.index === undefined ? value : (value as readonly unknown[])[slot.index];
      });
      if (checkEveryRun) {
        const direct = build(db, shape, values).compile();
        if (
          direct.sql !== plan.compiled.sql ||
          JSON.stringify(direct.parameters) !== JSON.stringify(parameters)
        ) {
          throw new Error(`query template drifted from its builder:\n${direct.sql}\n${plan.compiled.sql}`);
        }
      }
      const result = await db.executeQuery<R>({ ...plan.compiled, parameters } as CompiledQuery<R>);
      return result.rows;
    },
  };
}

function shapeOfValues(values: Values): string {
  let shape = '';
  for (const key in values) {
    const value = values[key];
    shape += `${key}:${value === null ? 'null' : value === undefined ? 'none' : Array.isArray(value) ? value.length : typeof value},`;
  }
  return shape;
}

/** The values with a placeholder in place of each string and number, and what each stands for. */
function placeholdersFor(values: Values): { values: Values; slots: Map<string, Slot> } {
  const out: Values = {};
  const slots = new Map<string, Slot>();
  const placeholder = (slot: { key: string; index?: number }) => {
    const text = `${marker}${slots.size}`;
    slots.set(text, slot);
    return text;
  };
  for (const key in values) {
    const value = values[key];
    out[key] =
      value === null || value === undefined
        ? value
        : Array.isArray(value)
          ? value.map((_, index) => placeholder({ key, index }))
          : placeholder({ key });
  }
  return { values: out, slots };
}

function makePlan(compiled: CompiledQuery, placeholders: ReadonlyMap<string, Slot>): Plan {
  if (compiled.sql.includes(marker)) throw new Error('a query template wrote a value into its text');
  const slots = compiled.parameters.map((parameter): Slot => {
    if (Array.isArray(parameter)) return wholeList(parameter, placeholders);
    if (typeof parameter !== 'string' || !parameter.includes(marker)) return { constant: parameter };
    const slot = placeholders.get(parameter);
    if (!slot) throw new Error('a query template transformed a value');
    return slot;
  });
  return { compiled, slots };
}

/** An array parameter: one of the values whole, or a constant of the builder's. */
function wholeList(parameter: readonly unknown[], placeholders: ReadonlyMap<string, Slot>): Slot {
  const items = parameter.map((item) => (typeof item === 'string' ? placeholders.get(item) : undefined));
  if (items.every((slot) => slot === undefined)) {
    if (parameter.some((item) => typeof item === 'string' && item.includes(marker))) {
      throw new Error('a query template transformed a value');
    }
    return { constant: parameter };
  }
  const key = items[0] && 'key' in items[0] ? items[0].key : undefined;
  const whole =
    key !== undefined &&
    items.every(
      (slot, index) => slot !== undefined && 'key' in slot && slot.key === key && slot.index === index,
    );
  if (!whole) throw new Error('a query template bound part of a list as an array');
  return { list: key };
}

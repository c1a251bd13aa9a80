import { z } from 'zod';
import { type PasswordPolicy, passwordPolicySchema } from '../../../shared/api/settings.js';
import { errorMessage } from '../../../shared/errors.js';
import { cleanLine } from '../../../shared/text.js';
import { normalizeDomain } from '../../platform/auth/email.js';
import { defaultPasswordPolicy } from '../../platform/auth/password-policy.js';
import { type Ctx, record, transact } from '../../platform/context.js';
import type { Executor, Tx } from '../../platform/db/database.js';
import { AppError, type FieldError } from '../../platform/http/errors.js';
import { findSetting, upsertSetting } from './settings.queries.js';

/**
 * Administrator-changeable settings: typed defaults in code, overrides stored as JSON in the
 * `settings` table. A stored value that no longer parses (hand-edited, or from a newer version)
 * falls back to the default rather than breaking sign-in.
 */

const keys = {
  companyName: 'company.name',
  allowedDomains: 'auth.allowed_domains',
  passwordPolicy: 'auth.password_policy',
} as const;

/** A stored setting parsed with `schema`, or undefined when absent or unparseable (other slices' settings too). */
export async function readSetting<S extends z.ZodType>(
  db: Executor,
  key: string,
  schema: S,
): Promise<z.infer<S> | undefined> {
  const text = await findSetting(db, key);
  if (text === undefined) return undefined;
  try {
    const parsed = schema.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

/** Stores a setting as JSON inside `tx` (other slices keep their settings here too). */
export function writeSetting(tx: Tx, key: string, value: unknown): Promise<void> {
  return upsertSetting(tx, key, JSON.stringify(value), new Date().toISOString());
}

/** The company's name, or null before setup. */
export async function getCompanyName(db: Executor): Promise<string | null> {
  return (await readSetting(db, keys.companyName, z.string())) ?? null;
}

/** The allowed e-mail domains for self-registration, ASCII lower-case. */
export async function getAllowedDomains(db: Executor): Promise<string[]> {
  return (await readSetting(db, keys.allowedDomains, z.array(z.string()))) ?? [];
}

/** The password policy in force: the defaults with the administrator's overrides on top. */
export async function getPasswordPolicy(db: Executor): Promise<PasswordPolicy> {
  // Each field is read on its own, so one bad stored value costs only that field.
  const stored = await readSetting(db, keys.passwordPolicy, z.record(z.string(), z.unknown()));
  const policy: Record<string, unknown> = { ...defaultPasswordPolicy };
  for (const [field, value] of Object.entries(stored ?? {})) {
    const fieldSchema = passwordPolicySchema.shape[field as keyof PasswordPolicy];
    if (fieldSchema?.safeParse(value).success) policy[field] = value;
  }
  return policy as PasswordPolicy;
}

/**
 * Normalises domains as typed by an administrator (IDNA to ASCII, lower case), drops
 * duplicates, and reports each invalid entry as a field error under `field.N`.
 */
export function normalizeDomainList(domains: string[], field: string, locale: Ctx['locale']): string[] {
  const errors: FieldError[] = [];
  const result = new Set<string>();
  domains.forEach((raw, i) => {
    const domain = normalizeDomain(raw);
    if (domain) result.add(domain);
    else {
      const message = errorMessage('DOMAIN_INVALID', locale, { domain: raw.slice(0, 100) });
      errors.push({ field: `${field}.${i}`, code: 'DOMAIN_INVALID', message });
    }
  });
  if (errors.length > 0) throw new AppError('VALIDATION_FAILED', {}, errors);
  return [...result].sort();
}

/** Writes the company name inside `tx` (setup uses this in its own transaction). */
export function writeCompanyName(tx: Tx, name: string): Promise<void> {
  return writeSetting(tx, keys.companyName, cleanLine(name));
}

/** Writes the allowed domains (already normalised) inside `tx`. */
export function writeAllowedDomains(tx: Tx, domains: string[]): Promise<void> {
  return writeSetting(tx, keys.allowedDomains, domains);
}

/** Replaces the password policy; records before and after in the ledger. */
export async function updatePasswordPolicy(ctx: Ctx, policy: PasswordPolicy): Promise<PasswordPolicy> {
  return transact(ctx, async (tx) => {
    const before = await getPasswordPolicy(tx);
    // Only what differs from the defaults is stored, so a later change of a default applies.
    const overrides = Object.fromEntries(
      Object.entries(policy).filter(
        ([field, value]) =>
          JSON.stringify(value) !== JSON.stringify(defaultPasswordPolicy[field as keyof PasswordPolicy]),
      ),
    );
    await writeSetting(tx, keys.passwordPolicy, overrides);
    await record(ctx, tx, {
      action: 'settings.password_policy.changed',
      subjectType: 'settings',
      subjectId: keys.passwordPolicy,
      payload: { before, after: policy },
    });
    return policy;
  });
}

/** Replaces the allowed domains (as typed; normalised here); records before and after. */
export async function updateAllowedDomains(ctx: Ctx, domains: string[]): Promise<string[]> {
  const normalized = normalizeDomainList(domains, 'domains', ctx.locale);
  return transact(ctx, async (tx) => {
    const before = await getAllowedDomains(tx);
    await writeAllowedDomains(tx, normalized);
    await record(ctx, tx, {
      action: 'settings.allowed_domains.changed',
      subjectType: 'settings',
      subjectId: keys.allowedDomains,
      payload: { before, after: normalized },
    });
    return normalized;
  });
}

/** Renames the company (stored after the names' normalisation); records before and after. */
export async function updateCompanyName(ctx: Ctx, name: string): Promise<string> {
  const after = cleanLine(name);
  return transact(ctx, async (tx) => {
    const before = await getCompanyName(tx);
    await writeCompanyName(tx, after);
    await record(ctx, tx, {
      action: 'settings.company.changed',
      subjectType: 'settings',
      subjectId: keys.companyName,
      payload: { before, after },
    });
    return after;
  });
}

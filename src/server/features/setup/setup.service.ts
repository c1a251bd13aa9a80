import type { SetupBody, SetupStatus } from '../../../shared/api/setup.js';
import { errorMessage } from '../../../shared/errors.js';
import { cleanLine } from '../../../shared/text.js';
import { assertPasswordAllowed } from '../../platform/auth/password-policy.js';
import { hashPassword } from '../../platform/auth/passwords.js';
import { type OpenedSession, openSession } from '../../platform/auth/sessions.js';
import { type Ctx, record, transact } from '../../platform/context.js';
import type { Tx } from '../../platform/db/database.js';
import { AppError } from '../../platform/http/errors.js';
import { countPeople, ensureAdministrator } from '../auth/auth.accounts.service.js';
import { requireEmail } from '../auth/auth.registration.service.js';
import {
  getCompanyName,
  getPasswordPolicy,
  normalizeDomainList,
  writeAllowedDomains,
  writeCompanyName,
} from '../settings/settings.service.js';
import { claimSetup, isSetupClaimed } from './setup.queries.js';

/**
 * The first run (X1, R05): an empty installation has no account at all; the installer names the
 * company and creates the first administrator, through the setup page or `atrium admin create`.
 */

/** Whether the setup page must be shown, and the company's name once known. */
export async function getSetupStatus(ctx: Ctx): Promise<SetupStatus> {
  const [claimed, people, companyName] = await Promise.all([
    isSetupClaimed(ctx.db),
    countPeople(ctx.db),
    getCompanyName(ctx.db),
  ]);
  return { needed: !claimed && people === 0, ...(companyName ? { companyName } : {}) };
}

/** An administrator's identity as typed, checked against the policy, with the password hashed. */
interface AdministratorInput {
  email: string;
  name: string;
  password: string;
}

async function prepareAdministrator(
  ctx: Ctx,
  input: AdministratorInput,
  companyName: string,
  fieldPrefix: string,
): Promise<{ email: string; name: string; passwordHash: string }> {
  const email = requireEmail(input.email, `${fieldPrefix}email`, ctx.locale);
  const name = cleanLine(input.name);
  if (!name) {
    throw new AppError('VALIDATION_FAILED', {}, [
      {
        field: `${fieldPrefix}name`,
        code: 'too_small',
        message: errorMessage('VALIDATION_FAILED', ctx.locale),
      },
    ]);
  }
  const policy = await getPasswordPolicy(ctx.db);
  assertPasswordAllowed(
    input.password,
    policy,
    { email, name, companyName },
    `${fieldPrefix}password`,
    ctx.locale,
  );
  return { email, name, passwordHash: await hashPassword(input.password, ctx.config.passwordPepper) };
}

async function recordSetup(ctx: Ctx, tx: Tx, userId: string, companyName: string, domains: string[]) {
  await record(ctx, tx, {
    action: 'setup.completed',
    subjectType: 'settings',
    subjectId: null,
    actorId: userId,
    payload: { companyName, allowedDomains: domains },
  });
}

/**
 * Sets the company up: its name, the allowed e-mail domains, and the first administrator,
 * in one transaction that first claims the one-time setup, so two installers racing cannot both
 * succeed (409 SETUP_ALREADY_DONE, also once anyone exists). With `signIn`, the administrator's
 * session is opened in the same transaction.
 */
export async function setupCompany(
  ctx: Ctx,
  input: SetupBody,
  options: { signIn?: boolean } = {},
): Promise<{ userId: string; session: OpenedSession | null }> {
  // A cheap early answer once set up, before any hashing; the transaction below decides races.
  if ((await isSetupClaimed(ctx.db)) || (await countPeople(ctx.db)) > 0)
    throw new AppError('SETUP_ALREADY_DONE');
  const companyName = cleanLine(input.companyName);
  const domains = normalizeDomainList(input.allowedDomains, 'allowedDomains', ctx.locale);
  const admin = await prepareAdministrator(ctx, input.admin, companyName, 'admin.');
  return transact(ctx, async (tx) => {
    const claimed = await claimSetup(tx, new Date().toISOString());
    if (!claimed || (await countPeople(tx)) > 0) throw new AppError('SETUP_ALREADY_DONE');
    await writeCompanyName(tx, companyName);
    await writeAllowedDomains(tx, domains);
    const { userId } = await ensureAdministrator(tx, admin);
    await recordSetup(ctx, tx, userId, companyName, domains);
    await record(ctx, tx, {
      action: 'admin.created',
      subjectType: 'user',
      subjectId: userId,
      actorId: userId,
      payload: { email: admin.email, via: 'setup' },
    });
    const session = options.signIn
      ? await openSession(tx, ctx.config, userId, { ip: ctx.ip, userAgent: ctx.userAgent })
      : null;
    return { userId, session };
  });
}

/**
 * Creates an administrator, or promotes an existing person and sets their password (the
 * command line's `atrium admin create`, also the way back in when every admin is locked out).
 * Before setup the company needs a name: pass `companyName`, or get 409 SETUP_REQUIRED.
 */
export async function createAdministrator(
  ctx: Ctx,
  input: AdministratorInput & { companyName?: string },
): Promise<{ userId: string; created: boolean }> {
  const existingName = await getCompanyName(ctx.db);
  const companyName = existingName ?? (input.companyName ? cleanLine(input.companyName) : '');
  if (!companyName) throw new AppError('SETUP_REQUIRED');
  const admin = await prepareAdministrator(ctx, input, companyName, '');
  return transact(ctx, async (tx) => {
    const firstRun = await claimSetup(tx, new Date().toISOString());
    if (!existingName) await writeCompanyName(tx, companyName);
    const result = await ensureAdministrator(tx, admin);
    if (firstRun) await recordSetup(ctx, tx, result.userId, companyName, []);
    await record(ctx, tx, {
      action: 'admin.created',
      subjectType: 'user',
      subjectId: result.userId,
      payload: { email: admin.email, via: 'cli', promoted: !result.created },
    });
    return result;
  });
}

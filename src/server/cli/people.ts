import fs from 'node:fs';
import type { ImportResult } from '../../shared/api/imports.js';
import { errorMessage } from '../../shared/errors.js';
import { importUsersCsv } from '../features/imports/imports.service.js';
import { seedDemoCompany } from '../features/seed/seed.service.js';
import { createAdministrator } from '../features/setup/setup.service.js';
import { AppError } from '../platform/http/errors.js';
import { readSecret } from './prompt.js';
import { openRuntime, type Runtime } from './runtime.js';

/** Runs a command against the database, printing an AppError as the readable message it carries. */
async function withRuntime(fn: (rt: Runtime) => Promise<number>): Promise<number> {
  const rt = await openRuntime();
  try {
    return await fn(rt);
  } catch (error) {
    if (error instanceof AppError) {
      console.error(errorMessage(error.code, rt.ctx.locale, error.params));
      for (const f of error.fieldErrors) console.error(`  ${f.field}: ${f.message}`);
      return 1;
    }
    throw error;
  } finally {
    await rt.close();
  }
}

/** `atrium admin create`: the password comes from ATRIUM_ADMIN_PASSWORD, a pipe, or a hidden prompt. */
export function adminCreate(options: { email: string; name: string; company?: string }): Promise<number> {
  return withRuntime(async (rt) => {
    const password = process.env.ATRIUM_ADMIN_PASSWORD ?? (await readSecret('Password: '));
    const result = await createAdministrator(rt.ctx, {
      email: options.email,
      name: options.name,
      password,
      companyName: options.company,
    });
    console.log(
      result.created
        ? `Administrator ${options.email} created.`
        : `${options.email} is now an administrator with the new password.`,
    );
    return 0;
  });
}

/** `atrium seed --demo [--users N]`. */
export function seedDemo(options: { users: number; seed: number }): Promise<number> {
  return withRuntime(async (rt) => {
    console.log(`Creating a demo company with ${options.users} people…`);
    const result = await seedDemoCompany(rt.ctx, { users: options.users, seed: options.seed });
    console.log(`Done: ${result.departments} departments and ${result.users} people.`);
    return 0;
  });
}

function printImport(result: ImportResult): void {
  const s = result.summary;
  console.log(
    `${result.rowCount} rows (${result.encoding}, delimiter "${result.delimiter}"): ` +
      `${s.creates} to create, ${s.updates} to update, ${s.deactivations} to deactivate, ` +
      `${s.reactivations} to reactivate, ${s.unchanged} unchanged, ${s.departmentsCreated} new departments.`,
  );
  for (const p of result.creates) console.log(`  + ${p.email}  ${p.name}`);
  for (const p of result.updates) {
    console.log(
      `  ~ ${p.email}  ${p.changes.map((c) => `${c.field}: ${JSON.stringify(c.before)} → ${JSON.stringify(c.after)}`).join('; ')}`,
    );
  }
  for (const p of result.deactivations) console.log(`  - ${p.email}  ${p.name}`);
  for (const p of result.reactivations) console.log(`  ↺ ${p.email}  ${p.name}`);
  for (const e of result.errors) console.log(`  line ${e.line}: error: ${e.message}`);
  for (const w of result.warnings) console.log(`  line ${w.line}: warning: ${w.message}`);
}

/** `atrium users import FILE [--dry-run] [--force]`: exit 1 when nothing could be applied. */
export function usersImport(
  file: string,
  options: { dryRun?: boolean; force?: boolean; encoding?: 'auto' | 'utf-8' | 'windows-1251' },
): Promise<number> {
  return withRuntime(async (rt) => {
    let bytes: Buffer;
    try {
      bytes = fs.readFileSync(file);
    } catch (error) {
      console.error(`Cannot read ${file}: ${(error as Error).message}`);
      return 1;
    }
    const result = await importUsersCsv(rt.ctx, bytes, {
      dryRun: options.dryRun ?? false,
      force: options.force ?? false,
      encoding: options.encoding ?? 'auto',
    });
    printImport(result);
    if (result.dryRun) {
      console.log('Dry run: nothing was changed.');
      return 0;
    }
    if (!result.applied) {
      console.error('Nothing was applied: fix the errors above (or use --force if the guard tripped).');
      return 1;
    }
    console.log('Applied.');
    return 0;
  });
}

import { Command, InvalidArgumentError } from 'commander';
import { auditVerify } from './cli/audit.js';
import { filesSweep } from './cli/files.js';
import { adminCreate, seedDemo, usersImport } from './cli/people.js';
import { openRuntime } from './cli/runtime.js';
import { serve } from './cli/serve.js';

/** The `atrium` command line: one entry point for the server and its maintenance commands. */
const program = new Command()
  .name('atrium')
  .description(
    'Atrium, a self-hosted corporate social network. Settings come from the environment (see .env.example).',
  )
  .showHelpAfterError();

function positiveInt(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > 100_000)
    throw new InvalidArgumentError('expected a whole number from 1 to 100000');
  return n;
}

program
  .command('serve')
  .description(
    'Migrate the database, then serve the web app, the API and background work on PORT (default 3000)',
  )
  .action(serve);

program
  .command('migrate')
  .description('Bring the database schema up to date and exit')
  .action(async () => {
    const rt = await openRuntime({ migrate: false });
    const { migrateToLatest } = await import('./platform/db/migrator.js');
    const results = await migrateToLatest(rt.database.db);
    console.log(
      results.length ? results.map((r) => `applied ${r.migrationName}`).join('\n') : 'Schema is up to date.',
    );
    await rt.close();
  });

program
  .command('seed')
  .description('Fill the company with demo data for exploring Atrium')
  .requiredOption('--demo', 'create a believable demo company: departments, people, managers, skills')
  .option('--users <n>', 'how many people', positiveInt, 200)
  .option('--seed <n>', 'the same seed gives the same company', positiveInt, 1)
  .action(async (options: { users: number; seed: number }) => {
    process.exitCode = await seedDemo(options);
  });

const admin = program.command('admin').description('Administrators');
admin
  .command('create')
  .description(
    'Create an administrator, or make an existing person one with a new password. The password is read from ATRIUM_ADMIN_PASSWORD, standard input, or a hidden prompt.',
  )
  .requiredOption('--email <email>', "the administrator's e-mail")
  .requiredOption('--name <name>', "the administrator's full name")
  .option('--company <name>', 'the company name (needed only before the setup page was used)')
  .action(async (options: { email: string; name: string; company?: string }) => {
    process.exitCode = await adminCreate(options);
  });

const users = program.command('users').description('People in the directory');
users
  .command('import')
  .description('Import employees from a CSV file (UTF-8 with or without BOM, or Windows-1251)')
  .argument('<file>', 'the CSV file')
  .option('--dry-run', 'show what would change and change nothing')
  .option('--force', 'apply even if more than 5% of active people would be deactivated')
  .option('--encoding <encoding>', 'auto | utf-8 | windows-1251', 'auto')
  .action(
    async (
      file: string,
      options: { dryRun?: boolean; force?: boolean; encoding?: 'auto' | 'utf-8' | 'windows-1251' },
    ) => {
      if (options.encoding && !['auto', 'utf-8', 'windows-1251'].includes(options.encoding)) {
        throw new InvalidArgumentError('--encoding must be auto, utf-8 or windows-1251');
      }
      process.exitCode = await usersImport(file, options);
    },
  );

const audit = program.command('audit').description('Work with the tamper-evident ledger');
audit
  .command('verify')
  .description(
    'Recompute the hash chain and check every signed checkpoint; exit 1 naming the first bad entry',
  )
  .action(async () => {
    process.exitCode = await auditVerify();
  });

const files = program.command('files').description('Uploaded files in the data directory');
files
  .command('sweep')
  .description(
    'Remove stored files that no row and no ledger entry references (refused uploads, thumbnails of purged files) and that are older than the grace period; `atrium serve` does it every hour',
  )
  .option('--grace-hours <n>', 'keep files younger than this, whatever references them', positiveInt, 24)
  .option('--dry-run', 'count what would be removed and remove nothing')
  .action(async (options: { graceHours: number; dryRun?: boolean }) => {
    process.exitCode = await filesSweep(options);
  });

export { positiveInt, program };

await program.parseAsync(process.argv);

import { Command, InvalidArgumentError } from 'commander';
import { auditVerify } from './cli/audit.js';
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

const audit = program.command('audit').description('Work with the tamper-evident ledger');
audit
  .command('verify')
  .description(
    'Recompute the hash chain and check every signed checkpoint; exit 1 naming the first bad entry',
  )
  .action(async () => {
    process.exitCode = await auditVerify();
  });

export { positiveInt, program };

await program.parseAsync(process.argv);

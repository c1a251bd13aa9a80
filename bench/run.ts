/**
 * `npm run bench -- <scenario>`: runs one benchmark scenario (or all) and prints a Markdown
 * block to paste into docs/BENCHMARKS.md. Benchmarks run in-process against loopback only and
 * stop by themselves.
 */
import os from 'node:os';
import { authTiming } from './auth-timing.js';

const scenarios: Record<string, () => Promise<string>> = {
  'auth-timing': authTiming,
};

const wanted = process.argv.slice(2).filter((a) => !a.startsWith('-'));
const names = wanted.length > 0 ? wanted : Object.keys(scenarios);
for (const name of names) {
  const scenario = scenarios[name];
  if (!scenario) {
    console.error(`Unknown scenario "${name}". Known: ${Object.keys(scenarios).join(', ')}`);
    process.exit(2);
  }
  const cpu = os.cpus()[0]?.model ?? 'unknown CPU';
  console.log(`## ${name}\n`);
  console.log(
    `Command: \`npm run bench -- ${name}\` · ${new Date().toISOString().slice(0, 10)} · ${os.cpus().length} × ${cpu}, Node ${process.version}\n`,
  );
  console.log(await scenario());
}
process.exit(0);

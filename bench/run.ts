/**
 * `npm run bench -- <scenario>`: runs one benchmark scenario (or all) and prints a Markdown
 * block to paste into docs/BENCHMARKS.md. Benchmarks run in-process against loopback only and
 * stop by themselves.
 */
import os from 'node:os';
import { authTiming } from './auth-timing.js';
import { chatBench } from './chat.js';
import { feedBench } from './feed.js';
import { filesBench } from './files.js';

const scenarios: Record<string, () => Promise<string>> = {
  'auth-timing': authTiming,
  feed: () => feedBench(process.argv.slice(2)),
  // Documents (issue 4).
  files: () => filesBench(process.argv.slice(2)),
  // Chat (issue 5).
  chat: () => chatBench(process.argv.slice(2)),
};

// Options (`--db postgres`, `--quick`) are read by the scenarios; `--db`'s value is not a name.
const valued = new Set(['--db', '--sockets', '--rates', '--seconds', '--only']);
const wanted = process.argv
  .slice(2)
  .filter((a, i, all) => !a.startsWith('-') && !valued.has(all[i - 1] ?? ''));
const names = wanted.length > 0 ? wanted : Object.keys(scenarios);
const flags = process.argv.slice(2).filter((a) => !wanted.includes(a));
for (const name of names) {
  const scenario = scenarios[name];
  if (!scenario) {
    console.error(`Unknown scenario "${name}". Known: ${Object.keys(scenarios).join(', ')}`);
    process.exit(2);
  }
  const cpu = os.cpus()[0]?.model ?? 'unknown CPU';
  console.log(`## ${name}\n`);
  console.log(
    `Command: \`npm run bench -- ${[name, ...flags].join(' ')}\` · ${new Date().toISOString().slice(0, 10)} · ${os.cpus().length} × ${cpu}, Node ${process.version}\n`,
  );
  console.log(await scenario());
}
process.exit(0);

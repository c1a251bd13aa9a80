import { hashPassword } from '../src/server/platform/auth/passwords.js';
import { setupThroughApi } from '../tests/support/auth-helpers.js';
import { insertUser } from '../tests/support/session.js';
import { buildTestApp } from '../tests/support/test-app.js';

const PAIRS = 200;

function stats(xs: number[]) {
  const n = xs.length;
  const mean = xs.reduce((a, b) => a + b, 0) / n;
  const variance = xs.reduce((a, b) => a + (b - mean) ** 2, 0) / (n - 1);
  const sorted = [...xs].sort((a, b) => a - b);
  return { n, mean, variance, median: sorted[Math.floor(n / 2)]!, p99: sorted[Math.floor(n * 0.99)]! };
}

/** Two-sided p-value of Welch's t-test, with the normal approximation (fine for n = 200). */
function welchP(a: ReturnType<typeof stats>, b: ReturnType<typeof stats>): number {
  const t = (a.mean - b.mean) / Math.sqrt(a.variance / a.n + b.variance / b.n);
  const z = Math.abs(t);
  // Abramowitz–Stegun 7.1.26 for erfc.
  const x = z / Math.SQRT2;
  const k = 1 / (1 + 0.3275911 * x);
  const erfc =
    k *
    (0.254829592 + k * (-0.284496736 + k * (1.421413741 + k * (-1.453152027 + k * 1.061405429)))) *
    Math.exp(-x * x);
  return erfc;
}

/**
 * R02: a failed sign-in takes as long for an unknown address as for a known one. Interleaves
 * PAIRS wrong-password sign-ins for existing people and for unknown addresses, each from a new
 * client address (so rate limits stay out of it), and compares the two latency distributions.
 */
export async function authTiming(): Promise<string> {
  const t = await buildTestApp();
  try {
    await setupThroughApi(t);
    const passwordHash = await hashPassword('a perfectly fine passphrase 1');
    const people = [];
    for (let i = 0; i < PAIRS; i++) people.push(await insertUser(t.app.database.db, { passwordHash }));
    const known: number[] = [];
    const unknown: number[] = [];
    const login = (email: string, i: number) =>
      t.app.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        remoteAddress: `10.${Math.floor(i / 250)}.${i % 250}.1`,
        payload: { email, password: 'definitely the wrong one' },
      });
    for (let i = 0; i < PAIRS; i++) {
      const a = performance.now();
      await login(people[i]!.email, 2 * i);
      known.push(performance.now() - a);
      const b = performance.now();
      await login(`nobody.${i}@corp.test`, 2 * i + 1);
      unknown.push(performance.now() - b);
    }
    const k = stats(known);
    const u = stats(unknown);
    const p = welchP(k, u);
    const verdict = p > 0.01 || Math.abs(k.median - u.median) < 10 ? 'pass' : 'FAIL';
    return [
      '| addresses | n | median ms | mean ms | p99 ms |',
      '|---|---|---|---|---|',
      `| known, wrong password | ${k.n} | ${k.median.toFixed(1)} | ${k.mean.toFixed(1)} | ${k.p99.toFixed(1)} |`,
      `| unknown | ${u.n} | ${u.median.toFixed(1)} | ${u.mean.toFixed(1)} | ${u.p99.toFixed(1)} |`,
      '',
      `Median difference ${Math.abs(k.median - u.median).toFixed(2)} ms; Welch t-test p = ${p.toFixed(3)} → R02 ${verdict} (p > 0.01 or median difference < 10 ms).`,
    ].join('\n');
  } finally {
    await t.close();
  }
}

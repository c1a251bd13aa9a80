import { type VerifyProblem, verifyLedger } from '../platform/ledger/verify.js';
import { openRuntime } from './runtime.js';

function describe(problem: VerifyProblem): string {
  switch (problem.kind) {
    case 'gap':
      return `entry ${problem.expected} is missing (found ${problem.seq} instead): entries were removed`;
    case 'broken-link':
      return `entry ${problem.seq} does not link to the entry before it: an entry was altered, removed or inserted`;
    case 'altered':
      return `entry ${problem.seq} was altered: its contents do not match its hash`;
    case 'head-mismatch':
      return `the chain head does not match entry ${problem.seq}: the end of the chain was altered`;
    case 'bad-signature':
      return `the signed checkpoint at entry ${problem.seq} has an invalid signature`;
    case 'checkpoint-mismatch':
      return `entry ${problem.seq} differs from what its signed checkpoint recorded`;
  }
}

/** `atrium audit verify`: exit 0 when the chain is intact, 1 naming the first bad entry. */
export async function auditVerify(): Promise<number> {
  // Migrating first makes a never-started database verify as an empty chain instead of crashing.
  const rt = await openRuntime();
  try {
    const report = await verifyLedger(rt.database.db);
    if (report.ok) {
      console.log(`Ledger OK: ${report.entries} entries, ${report.checkpoints} signed checkpoints verified.`);
      return 0;
    }
    console.error(`Ledger verification FAILED: ${describe(report.problem!)}.`);
    console.error(`First bad entry: seq ${report.problem!.seq}`);
    return 1;
  } finally {
    await rt.database.close();
  }
}

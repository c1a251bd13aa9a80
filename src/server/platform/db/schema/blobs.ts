/*
 * What keeps stored files (the blob store) alive besides the rows that hold their keys
 * (0009_blob_references). Part of the `Database` that schema.ts assembles; import these types
 * from there.
 */

/**
 * Every blob key some ledger entry's payload names (ledger.ts, `appendLedger`, in the entry's
 * transaction): deleted content stays readable for compliance (X6) even after its rows are gone,
 * so the blob sweep never removes these. Grows only, like the ledger.
 */
export interface LedgerBlobKeysTable {
  blob_key: string;
}

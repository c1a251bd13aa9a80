/*
 * Tables of the platform rather than of a feature: admin-changeable settings, the compliance
 * ledger and its signed checkpoints, and the durable per-stream event log realtime resumes from.
 * Part of the `Database` that schema.ts assembles; import these types from there.
 */

export interface SettingsTable {
  key: string;
  value: string;
  updated_at: string;
}

export interface LedgerTable {
  seq: number;
  ts: string;
  actor_id: string | null;
  action: string;
  subject_type: string;
  subject_id: string | null;
  /** Canonical JSON of the entry's details (for content: the full version). */
  payload: string;
  prev_hash: string;
  hash: string;
}

export interface LedgerHeadTable {
  id: number;
  seq: number;
  hash: string;
}

export interface LedgerCheckpointsTable {
  seq: number;
  head_hash: string;
  signed_at: string;
  public_key: string;
  signature: string;
}

export interface StreamHeadsTable {
  stream: string;
  seq: number;
}

export interface StreamEventsTable {
  stream: string;
  seq: number;
  type: string;
  /** JSON of the event's data. */
  data: string;
  created_at: string;
}

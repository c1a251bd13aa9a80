import {
  createPrivateKey,
  createPublicKey,
  generateKeyPairSync,
  type KeyObject,
  sign,
  verify,
} from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Db } from '../db/database.js';
import { readLedgerHead } from './ledger.js';

export interface SigningKey {
  privateKey: KeyObject;
  /** Base64 of the raw 32-byte Ed25519 public key, as shown in the admin UI. */
  publicKey: string;
}

/**
 * Loads the Ed25519 key that signs ledger checkpoints from the data directory, generating it on
 * first start. The file is readable by the service user only.
 */
export function loadOrCreateSigningKey(dataDir: string): SigningKey {
  const file = path.join(dataDir, 'keys', 'ledger-ed25519.pem');
  let privateKey: KeyObject;
  if (fs.existsSync(file)) {
    privateKey = createPrivateKey(fs.readFileSync(file));
  } else {
    fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
    privateKey = generateKeyPairSync('ed25519').privateKey;
    fs.writeFileSync(file, privateKey.export({ type: 'pkcs8', format: 'pem' }), { mode: 0o600, flag: 'wx' });
  }
  return { privateKey, publicKey: rawPublicKey(createPublicKey(privateKey)) };
}

function rawPublicKey(key: KeyObject): string {
  const der = key.export({ type: 'spki', format: 'der' });
  return der.subarray(der.length - 32).toString('base64');
}

function publicKeyFromRaw(raw: string): KeyObject {
  const prefix = Buffer.from('302a300506032b6570032100', 'hex');
  return createPublicKey({
    key: Buffer.concat([prefix, Buffer.from(raw, 'base64')]),
    format: 'der',
    type: 'spki',
  });
}

/** The bytes a checkpoint signs. */
export function checkpointMessage(seq: number, headHash: string, signedAt: string): Buffer {
  return Buffer.from(`atrium-ledger-checkpoint\n${seq}\n${headHash}\n${signedAt}`);
}

export function verifyCheckpointSignature(cp: {
  seq: number;
  head_hash: string;
  signed_at: string;
  public_key: string;
  signature: string;
}): boolean {
  try {
    return verify(
      null,
      checkpointMessage(cp.seq, cp.head_hash, cp.signed_at),
      publicKeyFromRaw(cp.public_key),
      Buffer.from(cp.signature, 'base64'),
    );
  } catch {
    return false;
  }
}

/** Signs the current head if it moved since the last checkpoint; returns the new checkpoint's seq. */
export async function writeCheckpoint(db: Db, key: SigningKey): Promise<number | null> {
  const head = await readLedgerHead(db);
  if (head.seq === 0) return null;
  const last = await db
    .selectFrom('ledger_checkpoints')
    .select('seq')
    .orderBy('seq', 'desc')
    .limit(1)
    .executeTakeFirst();
  if (last && Number(last.seq) >= head.seq) return null;
  const signedAt = new Date().toISOString();
  const signature = sign(null, checkpointMessage(head.seq, head.hash, signedAt), key.privateKey).toString(
    'base64',
  );
  await db
    .insertInto('ledger_checkpoints')
    .values({
      seq: head.seq,
      head_hash: head.hash,
      signed_at: signedAt,
      public_key: key.publicKey,
      signature,
    })
    .onConflict((oc) => oc.column('seq').doNothing())
    .execute();
  return head.seq;
}

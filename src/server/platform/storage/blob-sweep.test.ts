import { execFile } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import { Readable } from 'node:stream';
import { promisify } from 'node:util';
import { sql } from 'kysely';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDialect } from '../../../../tests/support/databases.js';
import { call, type Person, signedIn } from '../../../../tests/support/people.js';
import { buildTestApp, systemCtx, type TestApp } from '../../../../tests/support/test-app.js';
import { makeChat, send } from '../../features/chats/messages.fixtures.js';
import { jobsIdle, multipart, uploadRaw, uploadText } from '../../features/files/files.fixtures.js';
import { blobColumns, withBlobSweepLock } from './blob-references.queries.js';
import { createDiskBlobStore } from './blob-store.js';
import { type BlobSweepOptions, removeIfStale, sweepBlobs } from './blob-sweep.js';
import { blobPath } from './blobs.js';

/**
 * The blob sweep on a real database and data directory: uploads go through the API, time passes
 * by setting files' modification times back, and a blob is gone only when no row references it,
 * no ledger entry names it, and it is older than the grace period.
 */

let t: TestApp;
let owner: Person;

beforeAll(async () => {
  t = await buildTestApp();
  owner = await signedIn(t);
});
afterAll(async () => {
  await jobsIdle();
  await t?.close();
});

const db = () => t.database.handle.db;
const fileOf = (key: string) => blobPath(t.config.dataDir, key);
const stored = (key: string) =>
  fs.access(fileOf(key)).then(
    () => true,
    () => false,
  );
const sweep = (options: BlobSweepOptions = {}) => sweepBlobs(systemCtx(t), options);

/** Makes files look written two days ago: past the default grace period of 24 h. */
async function age(...files: string[]): Promise<void> {
  const old = new Date(Date.now() - 48 * 3_600_000);
  for (const file of files) await fs.utimes(file, old, old);
}

async function versionKeys(fileId: string) {
  return db()
    .selectFrom('file_versions')
    .select(['blob_key', 'thumb_key'])
    .where('file_id', '=', fileId)
    .executeTakeFirstOrThrow();
}

/** The tables whose blob columns hold `key` (the sweep's references, ledger_blob_keys included). */
async function rowsHolding(key: string): Promise<string[]> {
  const tables = new Set<string>();
  for (const { table, column } of blobColumns) {
    const { rows } = await sql`select 1 from ${sql.table(table)} where ${sql.ref(column)} = ${key}`.execute(
      db(),
    );
    if (rows.length > 0) tables.add(table);
  }
  return [...tables];
}

async function photoKey(userId: string): Promise<string | null> {
  const row = await db()
    .selectFrom('users')
    .select('photo_key')
    .where('id', '=', userId)
    .executeTakeFirstOrThrow();
  return row.photo_key;
}

const setPhoto = (bytes: Buffer) =>
  call(t, owner, {
    method: 'PUT',
    url: `/api/v1/users/${owner.id}/photo`,
    payload: bytes,
    headers: { 'content-type': 'application/octet-stream' },
  });

const png = (seed: number) =>
  sharp({ create: { width: 40, height: 30, channels: 3, background: { r: seed % 256, g: 90, b: 160 } } })
    .png()
    .toBuffer();

describe('the blob sweep', () => {
  it('knows every column of the schema that holds a blob key', async () => {
    // Columns whose names look like a key or a hash but hold something else.
    const notBlobs = [
      'auth_tokens.password_hash', // a sign-up's chosen password (argon2id)
      'chats.direct_key', // a direct chat's two member ids
      'file_links.token_hash', // SHA-256 of a link's token
      'files.name_key', // sort key of the name
      'folders.name_key',
      'guest_invitations.token_hash',
      'ledger.hash', // the hash chain
      'ledger.prev_hash',
      'ledger_checkpoints.head_hash',
      'ledger_checkpoints.public_key', // the signing key
      'ledger_head.hash',
      'password_history.password_hash',
      'settings.key', // a setting's name
      'user_skills.skill_key', // normalised skill name
      'users.password_hash',
    ];
    const looksLikeBlob =
      /(^|_)(key|blob|thumb|thumbnail|photo|image|avatar|picture|hash|sha256|digest|checksum)(_|$)/;
    const tables = await db().introspection.getTables();
    const lookalikes = tables
      .flatMap((table) => table.columns.map((column) => `${table.name}.${column.name}`))
      .filter((name) => looksLikeBlob.test(name.split('.')[1]!))
      .sort();
    const listed = blobColumns.map(({ table, column }) => `${table}.${column}`);
    expect(lookalikes).toEqual([...listed, ...notBlobs].sort());
  });

  it('keeps what rows reference, however old: documents, thumbnails, photos', async () => {
    const text = await uploadText(
      t,
      owner,
      { space: { type: 'profile' } },
      'kept.txt',
      `kept ${randomBytes(8).toString('hex')}`,
    );
    const image = await uploadRaw(
      t,
      owner,
      { space: { type: 'profile' } },
      { filename: 'kept.png', content: await png(1) },
    );
    expect(image.statusCode, image.body).toBe(201);
    await jobsIdle();
    expect((await setPhoto(await png(2))).statusCode).toBe(200);

    const textKey = (await versionKeys(text.id)).blob_key;
    const { blob_key: imageKey, thumb_key: thumbKey } = await versionKeys(image.json().id);
    expect(thumbKey).not.toBeNull();
    const keys = [textKey, imageKey, thumbKey!, (await photoKey(owner.id))!];
    await age(...keys.map(fileOf));

    const report = await sweep();
    expect(report).toMatchObject({ ran: true, dryRun: false });
    expect(report.checked).toBeGreaterThanOrEqual(keys.length);
    for (const key of keys) expect(await stored(key), key).toBe(true);
  });

  it('keeps a replaced photo, which the ledger names, and the photo shown', async () => {
    expect((await setPhoto(await png(3))).statusCode).toBe(200);
    const replaced = (await photoKey(owner.id))!;
    expect((await setPhoto(await png(4))).statusCode).toBe(200);
    const current = (await photoKey(owner.id))!;
    expect(current).not.toBe(replaced);
    // No row holds the old key any more; the change recorded names it (`before`).
    expect(await rowsHolding(replaced)).toEqual(['ledger_blob_keys']);

    await age(fileOf(replaced), fileOf(current));
    const report = await sweep();
    expect(report.ran).toBe(true);
    expect(await stored(replaced)).toBe(true);
    expect(await stored(current)).toBe(true);
    const photo = await call(t, owner, { url: `/api/v1/users/${owner.id}/photo` });
    expect(photo.statusCode).toBe(200);
  });

  it('keeps the bytes of what is deleted in the product but kept: a file in the trash, a deleted message’s attachment', async () => {
    const file = await uploadText(
      t,
      owner,
      { space: { type: 'profile' } },
      'trash.txt',
      `trash ${randomBytes(8).toString('hex')}`,
    );
    expect((await call(t, owner, { method: 'DELETE', url: `/api/v1/files/${file.id}` })).statusCode).toBe(
      204,
    );
    const fileKey = (await versionKeys(file.id)).blob_key;

    const chatId = await makeChat(t, owner, [await signedIn(t)]);
    const { body, contentType } = multipart([
      { name: 'file', filename: 'note.txt', content: Buffer.from(`chat ${randomBytes(8).toString('hex')}`) },
    ]);
    const uploaded = await call(t, owner, {
      method: 'POST',
      url: `/api/v1/chats/${chatId}/attachments`,
      payload: body,
      headers: { 'content-type': contentType },
    });
    expect(uploaded.statusCode, uploaded.body).toBe(201);
    const sent = await send(t, owner, chatId, { body: 'see attached', attachmentIds: [uploaded.json().id] });
    expect(sent.statusCode, sent.body).toBe(201);
    const deleted = await call(t, owner, {
      method: 'DELETE',
      url: `/api/v1/chats/${chatId}/messages/${sent.json().id}`,
    });
    expect(deleted.statusCode).toBe(204);
    const attachment = await db()
      .selectFrom('chat_attachments')
      .select('blob_key')
      .where('id', '=', uploaded.json().id)
      .executeTakeFirstOrThrow();

    await age(fileOf(fileKey), fileOf(attachment.blob_key));
    await sweep();
    expect(await stored(fileKey)).toBe(true);
    expect(await stored(attachment.blob_key)).toBe(true);
  });

  it('keeps the bytes of a document deleted with its post (the ledger names them), not its thumbnail', async () => {
    // A document attached to a post goes with the post: its rows and versions are deleted.
    const image = await uploadRaw(
      t,
      owner,
      { space: { type: 'profile' } },
      { filename: 'purged.png', content: await png(5) },
    );
    expect(image.statusCode, image.body).toBe(201);
    await jobsIdle();
    const { blob_key: key, thumb_key: thumbKey } = await versionKeys(image.json().id);
    expect(thumbKey).not.toBeNull();
    const post = await call(t, owner, {
      method: 'POST',
      url: '/api/v1/posts',
      payload: { space: { type: 'company' }, body: 'with a file', files: [image.json().id] },
    });
    expect(post.statusCode, post.body).toBe(201);
    expect(
      (await call(t, owner, { method: 'DELETE', url: `/api/v1/posts/${post.json().id}` })).statusCode,
    ).toBe(204);
    expect(await rowsHolding(key)).toEqual(['ledger_blob_keys']);
    expect(await rowsHolding(thumbKey!)).toEqual([]);

    await sweep();
    expect(await stored(thumbKey!)).toBe(true);
    await age(fileOf(key), fileOf(thumbKey!));
    const report = await sweep({ batchSize: 2 });
    // The upload the compliance officer reads stays; the thumbnail, made from it, goes.
    expect(await stored(key)).toBe(true);
    expect(await stored(thumbKey!)).toBe(false);
    expect(report.removed).toBeGreaterThanOrEqual(1);
  });

  it('removes the bytes of an upload refused after they were stored, once the grace period has passed', async () => {
    // Stored while streaming in, then refused by type: no row and no ledger entry names them.
    const content = Buffer.concat([Buffer.from([0x1f, 0x8b, 8]), randomBytes(2000)]);
    const key = createHash('sha256').update(content).digest('hex');
    const refused = await uploadRaw(
      t,
      owner,
      { space: { type: 'profile' } },
      { filename: 'archive.gz', content, type: 'application/pdf' },
    );
    expect(refused.statusCode).toBe(415);
    expect(await stored(key)).toBe(true);
    expect(await rowsHolding(key)).toEqual([]);

    await sweep();
    expect(await stored(key)).toBe(true);
    await age(fileOf(key));
    const report = await sweep();
    expect(await stored(key)).toBe(false);
    expect(report.removedBytes).toBeGreaterThanOrEqual(content.length);
  });

  it('in a dry run, counts what it would remove and removes nothing', async () => {
    const store = createDiskBlobStore(t.config.dataDir);
    const orphan = await store.put(Readable.from([randomBytes(1000)]), { maxBytes: 1000 });
    await age(fileOf(orphan.key));
    const dry = await sweep({ dryRun: true });
    expect(dry).toMatchObject({ ran: true, dryRun: true });
    expect(dry.removed).toBeGreaterThanOrEqual(1);
    expect(dry.removedBytes).toBeGreaterThanOrEqual(1000);
    expect(await stored(orphan.key)).toBe(true);
    await sweep();
    expect(await stored(orphan.key)).toBe(false);
  });

  it('keeps an old unreferenced blob stored again while it runs, after its check found no row', async () => {
    const store = createDiskBlobStore(t.config.dataDir);
    const bytes = randomBytes(500);
    const { key } = await store.put(Readable.from([bytes]), { maxBytes: 500 });
    await age(fileOf(key));
    const cutoffMs = Date.now() - 24 * 3_600_000;
    const asideDir = path.join(t.config.dataDir, 'files', 'tmp');
    // The sweep read the old time and found no row; now the same bytes are uploaded again.
    await store.put(Readable.from([bytes]), { maxBytes: 500 });
    expect(await removeIfStale(t.config.dataDir, asideDir, key, cutoffMs)).toBeUndefined();
    expect(await fs.readFile(fileOf(key))).toEqual(bytes);
    // Not stored again: it goes.
    await age(fileOf(key));
    expect(await removeIfStale(t.config.dataDir, asideDir, key, cutoffMs)).toBe(500);
    expect(await stored(key)).toBe(false);
    expect((await fs.readdir(asideDir)).filter((name) => name.endsWith('.sweep'))).toEqual([]);
  });

  it('puts back a blob a crashed sweep had set aside, and removes stale temporary files only', async () => {
    const store = createDiskBlobStore(t.config.dataDir);
    const { key } = await store.put(Readable.from([Buffer.from('set aside')]), { maxBytes: 100 });
    await fs.rename(fileOf(key), path.join(t.config.dataDir, 'files', 'tmp', `${key}.0badc0de.sweep`));
    // Referenced by a row, so the sweep that puts it back keeps it.
    await db().updateTable('users').set({ photo_key: key }).where('id', '=', owner.id).execute();

    const shard = path.dirname(fileOf(key));
    const staleTemp = `${fileOf(key)}.${'a'.repeat(12)}.tmp`;
    const freshTemp = `${fileOf(key)}.${'b'.repeat(12)}.tmp`;
    const stranger = path.join(shard, 'README');
    for (const file of [staleTemp, freshTemp, stranger]) await fs.writeFile(file, 'x');
    await age(staleTemp, stranger);

    const report = await sweep();
    expect(await stored(key)).toBe(true);
    expect(report.temporaryRemoved).toBeGreaterThanOrEqual(1);
    const left = await fs.readdir(shard);
    expect(left).not.toContain(path.basename(staleTemp));
    expect(left).toContain(path.basename(freshTemp));
    expect(left).toContain('README');
  });

  it('never runs twice at once', async () => {
    const [a, b] = await Promise.all([sweep(), sweep()]);
    expect([a.ran, b.ran].sort()).toEqual([false, true]);
  });

  it.runIf(testDialect === 'postgres')(
    'runs on one node at a time (an advisory lock on PostgreSQL)',
    async () => {
      let inner: string | undefined = 'not tried';
      const outer = await withBlobSweepLock(db(), 'postgres', async () => {
        // Another node: another connection of the pool, so another session.
        inner = await withBlobSweepLock(db(), 'postgres', async () => 'ran');
        return 'ran';
      });
      expect(outer).toBe('ran');
      expect(inner).toBeUndefined();
      expect(await withBlobSweepLock(db(), 'postgres', async () => 'ran again')).toBe('ran again');
    },
  );

  it('`atrium files sweep` removes what the job would, and says how much', async () => {
    const store = createDiskBlobStore(t.config.dataDir);
    const orphan = await store.put(Readable.from([randomBytes(2048)]), { maxBytes: 4096 });
    await age(fileOf(orphan.key));
    const main = path.resolve(import.meta.dirname, '../../main.ts');
    const { stdout } = await promisify(execFile)(
      'node',
      ['--import', 'tsx', main, 'files', 'sweep', '--grace-hours', '12'],
      {
        env: {
          ...process.env,
          DATABASE_URL: t.database.url,
          ATRIUM_DATA_DIR: t.config.dataDir,
          LOG_LEVEL: 'silent',
        },
      },
    );
    expect(stdout).toMatch(/^Removed [1-9]\d* unreferenced files \(/);
    expect(await stored(orphan.key)).toBe(false);
  });
});

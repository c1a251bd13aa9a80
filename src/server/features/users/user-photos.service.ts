import { photoLimits } from '../../../shared/api/users.js';
import { requireActor } from '../../platform/auth/guards.js';
import { type Ctx, record, transact } from '../../platform/context.js';
import { AppError } from '../../platform/http/errors.js';
import { readBlob, storeBlob } from '../../platform/storage/blobs.js';
import { authorize, canEditUser, canViewPhoto, canViewUser } from './users.policy.js';
import { photoUrlOf } from './users.presenter.js';
import { findUserById, sharesAGroup, updateUserRow } from './users.queries.js';

export type PhotoType = (typeof photoLimits.types)[number];

/**
 * The image type from the file's first bytes, never from the client's Content-Type or a file
 * name: only JPEG, PNG and WebP pass, so nothing else is ever served back as a photo.
 */
export function detectImageType(bytes: Uint8Array): PhotoType | undefined {
  const at = (offset: number, ...values: number[]) => values.every((v, i) => bytes[offset + i] === v);
  if (at(0, 0xff, 0xd8, 0xff)) return 'image/jpeg';
  if (at(0, 0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a)) return 'image/png';
  if (at(0, 0x52, 0x49, 0x46, 0x46) && at(8, 0x57, 0x45, 0x42, 0x50)) return 'image/webp';
  return undefined;
}

async function loadEditable(ctx: Ctx, id: string) {
  const actor = requireActor(ctx);
  const target = await findUserById(ctx.db, id);
  if (!target) {
    authorize(canViewUser(actor, id));
    throw new AppError('USER_NOT_FOUND');
  }
  authorize(canEditUser(actor, target));
  return { actor, target };
}

async function setPhotoKey(ctx: Ctx, id: string, before: string | null, after: string | null, via: string) {
  await transact(ctx, async (tx) => {
    await updateUserRow(tx, id, { photo_key: after, updated_at: new Date().toISOString() });
    await record(ctx, tx, {
      action: 'user.updated',
      subjectType: 'user',
      subjectId: id,
      payload: { via, changes: [{ field: 'photo', before, after }] },
    });
  });
}

/** `PUT /users/{id}/photo`: the person or an admin sets the photo (JPEG, PNG or WebP, ≤ 5 MB). */
export async function setUserPhoto(ctx: Ctx, id: string, bytes: Uint8Array): Promise<{ photoUrl: string }> {
  const { actor, target } = await loadEditable(ctx, id);
  if (bytes.length === 0 || bytes.length > photoLimits.maxBytes || !detectImageType(bytes)) {
    throw new AppError('PHOTO_INVALID');
  }
  const key = await storeBlob(ctx.config.dataDir, bytes);
  if (key !== target.photo_key)
    await setPhotoKey(ctx, id, target.photo_key, key, actor.id === id ? 'self' : 'admin');
  return { photoUrl: photoUrlOf({ id, photo_key: key })! };
}

/** `DELETE /users/{id}/photo`. The blob stays: other rows may share the same content. */
export async function removeUserPhoto(ctx: Ctx, id: string): Promise<void> {
  const { actor, target } = await loadEditable(ctx, id);
  if (target.photo_key)
    await setPhotoKey(ctx, id, target.photo_key, null, actor.id === id ? 'self' : 'admin');
}

/**
 * `GET /users/{id}/photo`: the bytes and their sniffed type, for whoever may see the profile (and
 * guests for the people of their groups).
 */
export async function readUserPhoto(ctx: Ctx, id: string): Promise<{ bytes: Buffer; type: PhotoType }> {
  const actor = requireActor(ctx);
  const coMember = !canViewUser(actor, id) && (await sharesAGroup(ctx.db, actor.id, id));
  authorize(canViewPhoto(actor, id, coMember));
  const target = await findUserById(ctx.db, id);
  if (!target) throw new AppError('USER_NOT_FOUND');
  const bytes = target.photo_key ? await readBlob(ctx.config.dataDir, target.photo_key) : undefined;
  const type = bytes ? detectImageType(bytes) : undefined;
  if (!bytes || !type) throw new AppError('PHOTO_NOT_FOUND');
  return { bytes, type };
}

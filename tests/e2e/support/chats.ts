import sharp from 'sharp';
import type { StickerPack } from '../../../src/shared/api/chats.js';
import { ApiCallError, type ApiClient } from './api-client.js';

/** A small PNG of one colour (a sticker, an image attachment). */
export function solidPng(width: number, height: number, rgb: [number, number, number]): Promise<Buffer> {
  return sharp({ create: { width, height, channels: 3, background: { r: rgb[0], g: rgb[1], b: rgb[2] } } })
    .png()
    .toBuffer();
}

/** Posts a multipart form as `client`'s person, with the session's CSRF token, as the web app does. */
export async function postMultipart<T>(
  client: ApiClient,
  baseUrl: string,
  path: string,
  form: FormData,
): Promise<T> {
  const { csrfToken } = await client.call<{ csrfToken: string }>('GET', '/me');
  const cookie = client
    .cookiesFor(baseUrl)
    .map((c) => `${c.name}=${c.value}`)
    .join('; ');
  const response = await fetch(`${baseUrl}/api/v1${path}`, {
    method: 'POST',
    headers: { accept: 'application/json', cookie, 'x-csrf-token': csrfToken },
    body: form,
  });
  const text = await response.text();
  const json: unknown = text ? JSON.parse(text) : undefined;
  if (!response.ok) throw new ApiCallError(response.status, json, `POST ${path}`);
  return json as T;
}

/** A sticker pack with one sticker, made through the admin API by `admin`. */
export async function createStickerPack(
  admin: ApiClient,
  baseUrl: string,
  name: string,
): Promise<StickerPack> {
  const pack = await admin.call<StickerPack>('POST', '/sticker-packs', { name });
  const form = new FormData();
  form.append('emoji', '🎉');
  form.append(
    'file',
    new Blob([new Uint8Array(await solidPng(128, 128, [240, 160, 20]))], { type: 'image/png' }),
    'party.png',
  );
  return postMultipart<StickerPack>(admin, baseUrl, `/sticker-packs/${pack.id}/stickers`, form);
}

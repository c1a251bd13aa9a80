import { createHash, randomBytes } from 'node:crypto';
import type { Config } from '../config.js';

/**
 * The session cookie's name. `__Host-` binds it to this exact origin, but browsers accept that
 * prefix only with `Secure`, so plain-http installs (a laptop) use the bare name.
 */
export function sessionCookieName(config: Config): string {
  return config.secureCookies ? '__Host-sid' : 'sid';
}

/** A new opaque secret: 256 bits from the CSPRNG, base64url. */
export function newSecret(): string {
  return randomBytes(32).toString('base64url');
}

/** What the database keeps of a secret: its SHA-256, so a leaked table yields no usable cookie or link. */
export function hashSecret(secret: string): string {
  return createHash('sha256').update(secret).digest('hex');
}

import { domainToASCII } from 'node:url';

/**
 * E-mail addresses and domains in the one form Atrium compares and stores (R01): lower case,
 * the domain in ASCII (IDNA/punycode), so that `a@CORP.COM`, `a@ｃｏｒｐ.com` and `a@corp.com`
 * are one address while `a@corp.соm` (Cyrillic с and о) is another domain altogether.
 */

// RFC 5322 dot-atom characters, plus any Unicode letter or digit (RFC 6531 addresses).
const localChar = /^[\p{L}\p{N}\p{M}!#$%&'*+/=?^_`{|}~-]$/u;
const label = /^(?!-)[a-z0-9-]{1,63}(?<!-)$/;
// What a domain may be typed with: letters and digits of any script, hyphens and the dots IDNA
// knows. domainToASCII parses a URL host, so without this `corp.com/x` and `corp%2ecom` would
// both come out as `corp.com`.
const domainChars = /^[\p{L}\p{N}\p{M}\-.\u3002\uFF0E\uFF61]+$/u;

/**
 * A domain's ASCII form, or null if it is not a host name: no trailing dot (`corp.com.` would
 * be a second spelling of the same domain), at least two labels, no IP literals, at most 253
 * characters.
 */
export function normalizeDomain(raw: string): string | null {
  const trimmed = raw.trim();
  if (!trimmed || trimmed.length > 253 * 4 || !domainChars.test(trimmed)) return null;
  if (/[.\u3002\uFF0E\uFF61]$/u.test(trimmed)) return null;
  // domainToASCII applies UTS #46: case folding, full-width forms, punycode; '' when invalid.
  const ascii = domainToASCII(trimmed.toLowerCase());
  if (!ascii || ascii.length > 253 || ascii.endsWith('.')) return null;
  const labels = ascii.split('.');
  if (labels.length < 2 || !labels.every((l) => label.test(l))) return null;
  // A numeric top-level label means an IP address, not a mail domain.
  if (/^\d+$/.test(labels[labels.length - 1] ?? '')) return null;
  return ascii;
}

function isLocalPart(local: string): boolean {
  if (local.length === 0 || local.length > 64) return false;
  // Quoted local parts ("a@b"@corp.com) and leading, trailing or doubled dots are refused.
  if (local.startsWith('.') || local.endsWith('.') || local.includes('..')) return false;
  return [...local].every((c) => c === '.' || localChar.test(c));
}

/** The canonical form of an e-mail address, or null if it is not one we accept. */
export function normalizeEmail(raw: string): string | null {
  const trimmed = raw.trim();
  if (trimmed.length > 320) return null;
  const parts = trimmed.split('@');
  if (parts.length !== 2) return null;
  const [localRaw = '', domainRaw = ''] = parts;
  const local = localRaw.normalize('NFC').toLowerCase();
  if (!isLocalPart(local)) return null;
  const domain = normalizeDomain(domainRaw);
  if (!domain) return null;
  return `${local}@${domain}`;
}

/** The domain of a normalised address. */
export function domainOf(email: string): string {
  return email.slice(email.lastIndexOf('@') + 1);
}

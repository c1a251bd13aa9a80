import { z } from 'zod';
import { nameField } from './auth.js';

/**
 * Contracts of the administrator's settings: password policy (R06, R08), allowed e-mail domains
 * for self-registration (R01) and the company's name. Every change is recorded in the ledger
 * with the values before and after.
 */

export const settingsLimits = {
  companyName: 200,
  /** A DNS name is at most 253 characters; a Unicode name as typed may be a little longer. */
  domain: 253,
  domains: 200,
  blocklistWord: 128,
  blocklistWords: 1000,
} as const;

/** The company's name: shown in the UI and refused inside passwords. */
export const companyNameField = nameField(settingsLimits.companyName);

/**
 * A domain as the administrator types it (`corp.com`, `почта.рф`, `mail.corp.com`). The server
 * stores its lower-case ASCII (punycode) form and refuses anything that is not a host name
 * (400 with a DOMAIN_INVALID field error).
 */
export const domainField = z.string().min(1).max(settingsLimits.domain);

/**
 * The password policy (NIST SP 800-63B-4). Composition rules and expiry are there because
 * customers ask for them; they are off (0) by default and NIST advises against them.
 */
export const passwordPolicySchema = z.strictObject({
  /** Minimum characters. 15 by default; NIST allows 8 only where MFA is enforced. */
  minLength: z.number().int().min(8).max(64),
  /** Consecutive failed sign-ins after which the password stops being checked until a reset. */
  lockoutThreshold: z.number().int().min(3).max(100),
  /** Words the administrator forbids inside passwords, in addition to the bundled list. */
  blocklist: z
    .array(z.string().trim().min(1).max(settingsLimits.blocklistWord))
    .max(settingsLimits.blocklistWords),
  minLetters: z.number().int().min(0).max(32),
  minDigits: z.number().int().min(0).max(32),
  minSymbols: z.number().int().min(0).max(32),
  /** Days after which a password must be changed; 0 = never. */
  expiryDays: z.number().int().min(0).max(3650),
  /** How many previous passwords may not be reused; 0 = no history check. */
  historyCount: z.number().int().min(0).max(24),
});
export type PasswordPolicy = z.infer<typeof passwordPolicySchema>;

/** Why a policy departs from NIST's advice; the admin UI explains each. */
export const nistNoteSchema = z.enum(['composition', 'expiry', 'short-minimum', 'history']);
export type NistNote = z.infer<typeof nistNoteSchema>;

/**
 * `GET|PUT /api/v1/admin/password-policy` (admin) → the policy in force, the defaults, and
 * `nistWarning` when composition rules, expiry, history or a minimum below 15 are on.
 */
export const passwordPolicyResponseSchema = z.object({
  policy: passwordPolicySchema,
  defaults: passwordPolicySchema,
  nistWarning: z.boolean(),
  nistNotes: z.array(nistNoteSchema),
});
export type PasswordPolicyResponse = z.infer<typeof passwordPolicyResponseSchema>;

/** `PUT /api/v1/admin/allowed-domains` body (admin): the whole list, replacing the old one. */
export const allowedDomainsBodySchema = z.strictObject({
  domains: z.array(domainField).max(settingsLimits.domains),
});
/** `GET|PUT /api/v1/admin/allowed-domains` → the normalised (ASCII, lower-case) list. */
export const allowedDomainsResponseSchema = z.object({ domains: z.array(z.string()) });
export type AllowedDomains = z.infer<typeof allowedDomainsResponseSchema>;

/** `PUT /api/v1/admin/company` body (admin). */
export const companyBodySchema = z.strictObject({ name: companyNameField });
/** `GET|PUT /api/v1/admin/company` → the company's name. */
export const companyResponseSchema = z.object({ name: z.string() });
export type Company = z.infer<typeof companyResponseSchema>;

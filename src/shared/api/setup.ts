import { z } from 'zod';
import { emailField, nameField, passwordField } from './auth.js';
import { companyNameField, domainField, settingsLimits } from './settings.js';

/**
 * Contracts of the first run (X1, R05): an empty installation has no account at all; the
 * person installing it names the company and creates the first administrator.
 */

/** `GET /api/v1/setup` (public) → whether the setup page must be shown. */
export const setupStatusSchema = z.object({
  needed: z.boolean(),
  companyName: z.string().optional(),
});
export type SetupStatus = z.infer<typeof setupStatusSchema>;

/**
 * `POST /api/v1/setup` → 201 `{ user, csrfToken }` and the session cookie of the new
 * administrator; 409 SETUP_ALREADY_DONE once anyone exists; 400 with field errors
 * (`admin.password` for the password policy, `allowedDomains.N` for a bad domain).
 */
export const setupBodySchema = z.strictObject({
  companyName: companyNameField,
  allowedDomains: z.array(domainField).max(settingsLimits.domains),
  admin: z.strictObject({
    email: emailField,
    name: nameField(),
    password: passwordField,
  }),
});
export type SetupBody = z.infer<typeof setupBodySchema>;

import type { PasswordPolicy, PasswordPolicyResponse } from '../../../shared/api/settings.js';
import { defaultPasswordPolicy, nistNotes } from '../../platform/auth/password-policy.js';

/** The policy with its defaults and the NIST notes the admin UI shows as a warning. */
export function presentPasswordPolicy(policy: PasswordPolicy): PasswordPolicyResponse {
  const notes = nistNotes(policy);
  return { policy, defaults: defaultPasswordPolicy, nistWarning: notes.length > 0, nistNotes: notes };
}

import { usePasswordPolicy } from './auth.api.js';

/** The default minimum until the policy has loaded (RELIABILITY.md: 15 characters). */
const defaultMinLength = 15;

/** The minimum password length of the company's policy, for hints under new-password fields. */
export function useMinPasswordLength(): number {
  return usePasswordPolicy().data?.minLength ?? defaultMinLength;
}

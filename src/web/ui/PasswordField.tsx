import { PasswordInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { FieldErrorValue } from '../lib/useFormValues.js';
import { PasswordStrength } from './PasswordStrength.js';

interface PasswordFieldProps {
  label: string;
  value: string;
  onChange: (value: string) => void;
  error?: FieldErrorValue;
  /** Set for a new password: shows the policy and a strength meter. */
  minLength?: number;
  autoComplete: 'current-password' | 'new-password';
  name?: string;
}

/** A password input with a keyboard-reachable show/hide toggle and, for new passwords, a hint. */
export function PasswordField({
  label,
  value,
  onChange,
  error,
  minLength,
  autoComplete,
  name,
}: PasswordFieldProps) {
  const { t } = useTranslation();
  return (
    <div>
      <PasswordInput
        label={label}
        name={name}
        value={value}
        onChange={(event) => onChange(event.currentTarget.value)}
        error={error}
        required
        autoComplete={autoComplete}
        description={minLength ? t('password.tip') : undefined}
        visibilityToggleFocusable
        visibilityToggleButtonProps={{ 'aria-label': t('password.toggleVisibility') }}
      />
      {minLength ? <PasswordStrength password={value} minLength={minLength} /> : null}
    </div>
  );
}

import { useTranslation } from 'react-i18next';
import type { FieldErrorValue } from '../../lib/useFormValues.js';
import { PasswordField } from '../../ui/PasswordField.js';

/** Whether a repeated password was typed and differs from the new one. */
export function passwordsDiffer(password: string, confirm: string): boolean {
  return confirm !== '' && confirm !== password;
}

interface NewPasswordFieldsProps {
  password: string;
  confirm: string;
  onPasswordChange: (value: string) => void;
  onConfirmChange: (value: string) => void;
  /** The policy's minimum, shown with a strength meter under the new password. */
  minLength: number | undefined;
  passwordError: FieldErrorValue;
  /** "Required" for the repeat field; a mismatch is reported here by itself. */
  confirmRequiredError: FieldErrorValue;
}

/** A new password and its repetition, as the reset and change-password forms ask for them. */
export function NewPasswordFields({
  password,
  confirm,
  onPasswordChange,
  onConfirmChange,
  minLength,
  passwordError,
  confirmRequiredError,
}: NewPasswordFieldsProps) {
  const { t } = useTranslation();
  return (
    <>
      <PasswordField
        label={t('fields.newPassword')}
        autoComplete="new-password"
        minLength={minLength}
        value={password}
        onChange={onPasswordChange}
        error={passwordError}
      />
      <PasswordField
        label={t('fields.confirmPassword')}
        autoComplete="new-password"
        value={confirm}
        onChange={onConfirmChange}
        error={confirmRequiredError ?? (passwordsDiffer(password, confirm) ? t('reset.mismatch') : undefined)}
      />
    </>
  );
}

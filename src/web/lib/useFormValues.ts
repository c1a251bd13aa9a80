import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from './api.js';

function isBlank(value: unknown): boolean {
  if (typeof value === 'string') return value.trim() === '';
  if (Array.isArray(value)) return value.length === 0;
  return value === null || value === undefined;
}

/**
 * The values of a small controlled form with a typed setter per field, and the "required"
 * check the browser would do, but with messages in the interface's language.
 */
export function useFormValues<T extends object>(initial: T, required: readonly (keyof T)[] = []) {
  const { t } = useTranslation();
  const [values, setValues] = useState<T>(initial);
  const [attempted, setAttempted] = useState(false);

  const setField = useCallback(<K extends keyof T>(key: K, value: T[K]) => {
    setValues((current) => ({ ...current, [key]: value }));
  }, []);

  /** Marks the form as submitted; true when every required field has a value. */
  const validate = useCallback((): boolean => {
    setAttempted(true);
    return required.every((key) => !isBlank(values[key]));
  }, [required, values]);

  /** The "required" message for a field left empty, once the person tried to submit. */
  const requiredError = (key: keyof T): string | undefined =>
    attempted && required.includes(key) && isBlank(values[key]) ? t('form.required') : undefined;

  return { values, setField, setValues, validate, requiredError };
}

/** What an input's `error` shows: a message, or `true` for "invalid" without one. */
export type FieldErrorValue = string | true | undefined;

/**
 * The server's message for one field of a failed request, if it named that field. When that
 * message is the request's own `detail`, which ErrorAlert already shows (and announces), the
 * field is only marked invalid (`true`) instead of repeating it.
 */
export function fieldError(error: unknown, field: string): FieldErrorValue {
  if (!isApiError(error)) return undefined;
  const message = error.fieldMessage(field);
  return message !== undefined && message === error.message ? true : message;
}

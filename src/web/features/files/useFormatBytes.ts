import { useTranslation } from 'react-i18next';
import { formatBytes } from './file-format.js';

/** Formats byte counts in the interface's language ("1.4 MB", "1,4 МБ"). */
export function useFormatBytes(): (bytes: number) => string {
  const { i18n } = useTranslation();
  const language = i18n.resolvedLanguage ?? 'en';
  return (bytes) => formatBytes(bytes, language);
}

import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';

/** Date and number formatting in the interface's language. */
export function useFormatters() {
  const { i18n } = useTranslation();
  const locale = i18n.resolvedLanguage === 'ru' ? 'ru-RU' : 'en-GB';
  return useMemo(() => {
    const dateTime = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' });
    const date = new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeZone: 'UTC' });
    const dayMonth = new Intl.DateTimeFormat(locale, { day: 'numeric', month: 'long', timeZone: 'UTC' });
    const number = new Intl.NumberFormat(locale);
    return {
      /** "12 Mar 2026, 14:05" from an ISO timestamp. */
      dateTime: (iso: string) => dateTime.format(new Date(iso)),
      /** "12 March 2026" from an ISO date (`YYYY-MM-DD`), without time-zone shifts. */
      date: (isoDate: string) => date.format(new Date(`${isoDate.slice(0, 10)}T00:00:00Z`)),
      /** "12 March" or "12 March 1990". */
      birthday: (day: number, month: number, year: number | null) =>
        (year ? date : dayMonth).format(new Date(Date.UTC(year ?? 2000, month - 1, day))),
      number: (value: number) => number.format(value),
    };
  }, [locale]);
}

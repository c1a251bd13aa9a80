import { useSyncExternalStore } from 'react';
import { useTranslation } from 'react-i18next';
import { useFormatters } from '../../lib/useFormatters.js';

const minute = 60_000;
let now = Date.now();
const listeners = new Set<() => void>();
let timer: ReturnType<typeof setInterval> | undefined;

/** One shared clock for every relative time on the page, ticking once a minute. */
function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  timer ??= setInterval(() => {
    now = Date.now();
    for (const notify of listeners) notify();
  }, minute);
  return () => {
    listeners.delete(listener);
    if (listeners.size === 0 && timer) {
      clearInterval(timer);
      timer = undefined;
    }
  };
}

const units: [Intl.RelativeTimeFormatUnit, number][] = [
  ['year', 365 * 24 * 60 * minute],
  ['month', 30 * 24 * 60 * minute],
  ['week', 7 * 24 * 60 * minute],
  ['day', 24 * 60 * minute],
  ['hour', 60 * minute],
  ['minute', minute],
];

/** "5 minutes ago", "in 2 days", "just now" in the interface's language. */
export function useRelativeTime() {
  const { t, i18n } = useTranslation();
  const current = useSyncExternalStore(subscribe, () => now);
  const format = new Intl.RelativeTimeFormat(i18n.resolvedLanguage === 'ru' ? 'ru' : 'en', {
    numeric: 'auto',
  });
  return (iso: string): string => {
    const diff = new Date(iso).getTime() - Math.max(current, Date.now());
    if (Math.abs(diff) < minute) return t('posts.justNow');
    for (const [unit, size] of units) {
      if (Math.abs(diff) >= size) return format.format(Math.round(diff / size), unit);
    }
    return t('posts.justNow');
  };
}

/** A time as "5 minutes ago", with the full date and time on hover and for machines. */
export function RelativeTime({ iso }: { iso: string }) {
  const relative = useRelativeTime();
  const { dateTime } = useFormatters();
  return (
    <time dateTime={iso} title={dateTime(iso)}>
      {relative(iso)}
    </time>
  );
}

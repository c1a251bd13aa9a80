import type { Locale } from '../../../shared/errors.js';

/**
 * Picks the response language: an explicit `atrium-lang` cookie, then Accept-Language, then English.
 */
export function pickLocale(acceptLanguage: string | undefined, cookieLang: string | undefined): Locale {
  if (cookieLang === 'ru' || cookieLang === 'en') return cookieLang;
  if (!acceptLanguage) return 'en';
  const ranked = acceptLanguage
    .split(',')
    .map((part) => {
      const [tag = '', ...params] = part.trim().split(';');
      const q = params.find((p) => p.trim().startsWith('q='));
      return { lang: tag.toLowerCase().slice(0, 2), q: q ? Number(q.trim().slice(2)) || 0 : 1 };
    })
    .filter((x) => x.lang === 'ru' || x.lang === 'en')
    .sort((a, b) => b.q - a.q);
  return (ranked[0]?.lang as Locale | undefined) ?? 'en';
}

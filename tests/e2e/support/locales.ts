import type { Locale } from '../../../src/shared/errors.js';
import en from '../../../src/web/locales/en.json' with { type: 'json' };
import ru from '../../../src/web/locales/ru.json' with { type: 'json' };

/** The browser locales the end-to-end tests run in. */
export type BrowserLocale = 'en-US' | 'ru-RU';

const resources: Record<Locale, unknown> = { en, ru };

/** The app language a browser locale resolves to (as the app's language detector does). */
export function appLanguage(locale: BrowserLocale): Locale {
  return locale === 'ru-RU' ? 'ru' : 'en';
}

/**
 * The web app's own string for `key` (`signIn.submit`) in the language of `locale`, read from
 * src/web/locales, so selectors follow the strings. `{{name}}` placeholders are filled from
 * `params`; `count` picks the `_one`/`_other` (`_few`/`_many` in Russian) plural form.
 */
export function translator(
  locale: BrowserLocale,
): (key: string, params?: Record<string, string | number>) => string {
  const language = appLanguage(locale);
  const plurals = new Intl.PluralRules(language);
  return (key, params = {}) => {
    let node: unknown = resources[language];
    const parts = key.split('.');
    const last = parts.pop()!;
    for (const part of parts) node = (node as Record<string, unknown> | undefined)?.[part];
    const table = node as Record<string, unknown> | undefined;
    const count = params.count;
    const value =
      (typeof count === 'number' ? table?.[`${last}_${plurals.select(count)}`] : undefined) ?? table?.[last];
    if (typeof value !== 'string') throw new Error(`No string ${key} in ${language}.json`);
    return value.replace(/\{\{(\w+)\}\}/g, (_, name: string) => String(params[name] ?? `{{${name}}}`));
  };
}

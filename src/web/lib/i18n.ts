import i18n from 'i18next';
import LanguageDetector from 'i18next-browser-languagedetector';
import { initReactI18next } from 'react-i18next';
import en from '../locales/en.json' with { type: 'json' };
import ru from '../locales/ru.json' with { type: 'json' };

export type Language = 'en' | 'ru';
export const languages: readonly Language[] = ['en', 'ru'];

/** Each language's own name, as people look for it in a language menu. */
export const languageNames: Record<Language, string> = { en: 'English', ru: 'Русский' };

const storageKey = 'atrium-lang';

declare module 'i18next' {
  interface CustomTypeOptions {
    resources: { translation: typeof en };
  }
}

/** The language the interface is shown in now. */
export function currentLanguage(): Language {
  return i18n.resolvedLanguage === 'ru' ? 'ru' : 'en';
}

/**
 * Mirrors the language into the `atrium-lang` cookie, so answers the server produces outside
 * our fetch calls (e-mails, problem details) come in the same language, and into `<html lang>`.
 */
function rememberLanguage(language: Language): void {
  // biome-ignore lint/suspicious/noDocumentCookie: a plain first-party preference cookie; the Cookie Store API is not in every supported browser.
  document.cookie = `${storageKey}=${language}; path=/; max-age=31536000; SameSite=Lax`;
  document.documentElement.lang = language;
}

/** Switches the interface language and remembers the choice in localStorage and the cookie. */
export async function changeLanguage(language: Language): Promise<void> {
  await i18n.changeLanguage(language);
}

i18n.on('languageChanged', () => rememberLanguage(currentLanguage()));

void i18n
  .use(LanguageDetector)
  .use(initReactI18next)
  .init({
    resources: { en: { translation: en }, ru: { translation: ru } },
    supportedLngs: [...languages],
    nonExplicitSupportedLngs: true,
    load: 'languageOnly',
    fallbackLng: 'en',
    interpolation: { escapeValue: false },
    detection: {
      order: ['localStorage', 'cookie', 'navigator'],
      lookupLocalStorage: storageKey,
      lookupCookie: storageKey,
      caches: ['localStorage'],
    },
    // The resources are bundled, so the first render can already use them.
    initAsync: false,
  });

export { i18n };

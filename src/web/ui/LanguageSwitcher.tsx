import { Button, Menu } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { api } from '../lib/api.js';
import { changeLanguage, currentLanguage, type Language, languageNames, languages } from '../lib/i18n.js';
import { useMe } from '../lib/useMe.js';
import { Icon } from './Icon.js';

/** The language menu shown in the header and on the sign-in pages. */
export function LanguageSwitcher() {
  const { t } = useTranslation();
  const active = currentLanguage();
  const signedIn = Boolean(useMe().data);

  async function choose(language: Language) {
    await changeLanguage(language);
    // Remembered on the account too, so e-mails and other devices use it (best effort).
    if (signedIn) api.patch('/me/locale', { body: { locale: language } }).catch(() => undefined);
  }
  return (
    <Menu position="bottom-end" withinPortal>
      <Menu.Target>
        <Button
          variant="subtle"
          color="gray"
          size="compact-md"
          leftSection={<Icon name="language" />}
          aria-label={t('language.switch', { language: languageNames[active] })}
          data-testid="language-switcher"
        >
          {active.toUpperCase()}
        </Button>
      </Menu.Target>
      <Menu.Dropdown>
        <Menu.Label>{t('language.label')}</Menu.Label>
        {languages.map((language: Language) => (
          <Menu.Item
            key={language}
            lang={language}
            onClick={() => void choose(language)}
            rightSection={language === active ? <Icon name="check" size={16} /> : null}
            aria-current={language === active ? 'true' : undefined}
          >
            {languageNames[language]}
          </Menu.Item>
        ))}
      </Menu.Dropdown>
    </Menu>
  );
}

import { Tabs } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { useMe } from '../../lib/useMe.js';

const sections = [
  { value: 'mine', to: '/files' },
  { value: 'company', to: '/files/company' },
  { value: 'shared', to: '/files/shared' },
] as const;

type Section = (typeof sections)[number]['value'];

/** The switch between "My files", the company's documents and "Shared with me" (none for guests). */
export function FilesSections({ current }: { current: Section }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const isGuest = useMe().data?.user.role === 'guest';
  // A guest has only "Shared with me": no switch to show.
  if (isGuest) return null;
  return (
    <Tabs
      value={current}
      onChange={(value) => {
        const section = sections.find((s) => s.value === value);
        if (section) void navigate(section.to);
      }}
    >
      <Tabs.List aria-label={t('files.sections.label')}>
        {sections.map((section) => (
          <Tabs.Tab key={section.value} value={section.value}>
            {t(`files.sections.${section.value}`)}
          </Tabs.Tab>
        ))}
      </Tabs.List>
    </Tabs>
  );
}

import { Button, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useMe } from '../lib/useMe.js';
import { usePageTitle } from '../lib/usePageTitle.js';

/** An address no page answers to. */
export function NotFoundPage() {
  const { t } = useTranslation();
  usePageTitle(t('notFound.title'));
  const isGuest = useMe().data?.user.role === 'guest';
  return (
    <Stack align="flex-start" py="xl">
      <Title order={1}>{t('notFound.title')}</Title>
      <Text c="dimmed">{t('notFound.text')}</Text>
      {/* Guests (issue 4) have no directory: their way back is their groups. */}
      {isGuest ? (
        <Button component={Link} to="/groups">
          {t('guests.toMyGroups')}
        </Button>
      ) : (
        <Button component={Link} to="/people">
          {t('notFound.toPeople')}
        </Button>
      )}
    </Stack>
  );
}

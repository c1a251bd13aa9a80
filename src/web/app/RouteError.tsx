import { Button, Center, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useRouteError } from 'react-router';

/**
 * Shown when a page fails to load or render, e.g. after a deployment replaced the chunk this
 * tab was about to fetch: reloading fixes that.
 */
export function RouteError() {
  const { t } = useTranslation();
  const error = useRouteError();
  return (
    <Center mih="60vh" p="md">
      <Stack align="center" maw={480} ta="center">
        <Title order={1} size="h2">
          {t('errors.pageFailed')}
        </Title>
        <Text c="dimmed">{error instanceof Error ? error.message : t('errors.unexpected')}</Text>
        <Button onClick={() => window.location.reload()}>{t('common.reload')}</Button>
      </Stack>
    </Center>
  );
}

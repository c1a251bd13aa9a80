import { Box, Center, Container, Group, Paper, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Outlet } from 'react-router';
import { useCompanyName } from '../../lib/useSetupStatus.js';
import { LanguageSwitcher } from '../../ui/LanguageSwitcher.js';

/** The frame of the pages before signing in: the company's name, a card, the language menu. */
export function PublicLayout() {
  const { t } = useTranslation();
  const companyName = useCompanyName();
  return (
    <Box mih="100vh" display="flex" style={{ flexDirection: 'column' }}>
      <Group component="header" justify="space-between" px="md" py="sm" wrap="nowrap">
        <Text fw={700} size="lg" c="brand.8" truncate="end">
          {companyName ?? 'Atrium'}
        </Text>
        <LanguageSwitcher />
      </Group>
      <Center component="main" style={{ flex: 1 }} px="sm" py="lg">
        <Container size={440} w="100%" p={0}>
          <Paper withBorder shadow="sm" radius="lg" p={{ base: 'md', xs: 'xl' }}>
            <Outlet />
          </Paper>
        </Container>
      </Center>
      <Text component="footer" ta="center" size="xs" c="dimmed" py="md">
        {t('public.poweredBy')}
      </Text>
    </Box>
  );
}

import { Button, Group, Modal, Paper, Stack, Text, Title } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../ui/ErrorAlert.js';
import { useSeedDemo } from './admin.api.js';

const demoPeople = 200;

/** "Fill with demo data": a believable company to explore Atrium with. */
export function SeedDemoCard() {
  const { t } = useTranslation();
  const seed = useSeedDemo();
  const [opened, { open, close }] = useDisclosure(false);

  function run() {
    seed.mutate(demoPeople, {
      onSuccess: (result) => {
        close();
        notifications.show({
          color: 'green',
          message: t('admin.demo.done', { users: result.users, departments: result.departments }),
        });
      },
    });
  }

  return (
    <Paper withBorder p="md" component="section" aria-labelledby="demo-title">
      <Title order={2} size="h4" mb={4} id="demo-title">
        {t('admin.demo.title')}
      </Title>
      <Text size="sm" c="dimmed" mb="sm">
        {t('admin.demo.description', { count: demoPeople })}
      </Text>
      <Button variant="light" onClick={open}>
        {t('admin.demo.button')}
      </Button>
      <Modal opened={opened} onClose={close} title={t('admin.demo.confirmTitle')}>
        <Stack>
          <Text>{t('admin.demo.confirmText', { count: demoPeople })}</Text>
          <ErrorAlert error={seed.error} />
          <Group justify="flex-end">
            <Button variant="default" onClick={close} data-autofocus>
              {t('common.cancel')}
            </Button>
            <Button onClick={run} loading={seed.isPending}>
              {t('admin.demo.confirm')}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </Paper>
  );
}

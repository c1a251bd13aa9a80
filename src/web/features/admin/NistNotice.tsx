import { Alert, List } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { NistNote } from '../../../shared/api/settings.js';
import { Icon } from '../../ui/Icon.js';

/**
 * NIST SP 800-63B advises a long minimum and a blocklist, and advises against composition
 * rules, forced expiry and history checks: this says so wherever those are switched on.
 */
export function NistNotice({ notes }: { notes: readonly NistNote[] }) {
  const { t } = useTranslation();
  return (
    <Alert
      color="yellow"
      variant="light"
      icon={<Icon name="warning" />}
      title={t('admin.policy.nistTitle')}
      data-testid="nist-warning"
    >
      {t('admin.policy.nistText')}
      {notes.length > 0 ? (
        <List size="sm" mt="xs">
          {notes.map((note) => (
            <List.Item key={note}>{t(`admin.policy.nistNotes.${note}`)}</List.Item>
          ))}
        </List>
      ) : null}
    </Alert>
  );
}

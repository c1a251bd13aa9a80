import { Badge, type MantineSize } from '@mantine/core';
import { useTranslation } from 'react-i18next';

/**
 * "Guest": marks a person from outside the company wherever people are shown (G4, R04), so
 * nobody mistakes them for a colleague.
 */
export function GuestBadge({ size = 'xs' }: { size?: MantineSize }) {
  const { t } = useTranslation();
  return (
    <Badge size={size} variant="light" color="orange" data-testid="guest-badge">
      {t('guests.badge')}
    </Badge>
  );
}

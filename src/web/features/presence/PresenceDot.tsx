import { Box, Tooltip } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useRelativeTime } from '../posts/RelativeTime.js';
import { usePresenceState } from './presence.store.js';

const colors = {
  online: 'var(--mantine-color-green-6)',
  away: 'var(--mantine-color-yellow-6)',
  offline: 'var(--mantine-color-gray-5)',
} as const;

interface PresenceDotProps {
  userId: string | null | undefined;
  size?: number;
  /** Also write the state next to the dot ("Online", "Last seen 5 minutes ago"). */
  withLabel?: boolean;
}

/**
 * A person's presence as a coloured dot with its meaning in a tooltip and for screen readers:
 * online, away, or offline with the last time seen (unless they hide it).
 */
export function PresenceDot({ userId, size = 10, withLabel = false }: PresenceDotProps) {
  const { t } = useTranslation();
  const relative = useRelativeTime();
  const presence = usePresenceState(userId);
  if (!userId) return null;
  const state = presence?.state ?? 'offline';
  const label =
    state === 'offline' && presence?.lastSeenAt
      ? t('presence.lastSeen', { when: relative(presence.lastSeenAt) })
      : t(`presence.${state}`);
  const dot = (
    <Box
      component="span"
      role="img"
      aria-label={label}
      data-presence={state}
      data-testid="presence-dot"
      style={{
        display: 'inline-block',
        flex: 'none',
        width: size,
        height: size,
        borderRadius: '50%',
        background: colors[state],
        border: '2px solid var(--mantine-color-body)',
        boxSizing: 'content-box',
      }}
    />
  );
  return (
    <Tooltip label={label} withinPortal>
      {withLabel ? (
        <Box component="span" style={{ display: 'inline-flex', alignItems: 'center', gap: 6 }}>
          {dot}
          <Box component="span" fz="sm" c="dimmed" aria-hidden="true">
            {label}
          </Box>
        </Box>
      ) : (
        dot
      )}
    </Tooltip>
  );
}

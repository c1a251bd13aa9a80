import { Paper, Text } from '@mantine/core';
import type { ReactNode } from 'react';

interface EmptyNoticeProps {
  text: string;
  action?: ReactNode;
}

/** What a list shows when it has nothing in it. */
export function EmptyNotice({ text, action }: EmptyNoticeProps) {
  return (
    <Paper withBorder p="xl" ta="center" role="status">
      <Text c="dimmed">{text}</Text>
      {action ? <div style={{ marginTop: 'var(--mantine-spacing-md)' }}>{action}</div> : null}
    </Paper>
  );
}

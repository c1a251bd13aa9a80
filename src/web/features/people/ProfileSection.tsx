import { Paper, Title } from '@mantine/core';
import type { ReactNode } from 'react';

interface ProfileSectionProps {
  title: string;
  children: ReactNode;
}

/** A titled card on a person's page. */
export function ProfileSection({ title, children }: ProfileSectionProps) {
  return (
    <Paper withBorder p="md" component="section" aria-label={title}>
      <Title order={2} size="h5" mb="sm">
        {title}
      </Title>
      {children}
    </Paper>
  );
}

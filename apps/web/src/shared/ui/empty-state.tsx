import { Paper, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';

export interface EmptyStateProps {
  title: string;
  children?: ReactNode;
}

export function EmptyState({ title, children }: EmptyStateProps) {
  return (
    <Paper withBorder p="xl" ta="center">
      <Title order={3} size="h4">
        {title}
      </Title>
      {children && <Text mt="xs">{children}</Text>}
    </Paper>
  );
}

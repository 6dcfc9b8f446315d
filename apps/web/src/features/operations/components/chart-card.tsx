import { Paper, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';

export interface ChartCardProps {
  title: string;
  /** What the chart shows, in words (also its accessible description). */
  description: string;
  children: ReactNode;
}

export function ChartCard({ title, description, children }: ChartCardProps) {
  const id = `chart-${title.toLowerCase().replace(/[^a-z0-9]+/g, '-')}`;
  return (
    <Paper withBorder p="sm" component="figure" m={0} aria-labelledby={`${id}-title`} aria-describedby={`${id}-desc`}>
      <Title order={3} size="h5" id={`${id}-title`}>
        {title}
      </Title>
      <Text size="xs" mb="xs" id={`${id}-desc`}>
        {description}
      </Text>
      {children}
    </Paper>
  );
}

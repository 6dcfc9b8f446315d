import { Paper, SimpleGrid, Text } from '@mantine/core';
import type { SeriesTotals as Totals } from '../model/chart-data';

/** The window's figures at a glance. */
export function SeriesTotals({ totals }: { totals: Totals }) {
  const figures = [
    { label: 'Requests', value: totals.requests.toLocaleString() },
    { label: 'Request errors', value: `${totals.requestErrorRate}%` },
    { label: 'Executions', value: totals.executions.toLocaleString() },
    { label: 'Executions failed', value: `${totals.executionErrorRate}%` },
    { label: 'Queue waiting', value: totals.queueWaiting === null ? '—' : String(totals.queueWaiting) },
    { label: 'Rate-limited (429)', value: totals.rejections.toLocaleString() },
  ];
  return (
    <SimpleGrid cols={{ base: 2, sm: 3, lg: 6 }} component="dl" m={0}>
      {figures.map((f) => (
        <Paper key={f.label} withBorder p="sm">
          <Text component="dt" size="xs">
            {f.label}
          </Text>
          <Text component="dd" m={0} fw={700} size="lg" data-figure={f.label}>
            {f.value}
          </Text>
        </Paper>
      ))}
    </SimpleGrid>
  );
}

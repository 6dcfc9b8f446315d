import { Anchor, Group, Text } from '@mantine/core';
import { Link } from 'react-router';
import { formatDuration, timeAgo } from '../../../shared/lib/format';
import { StatusBadge } from '../../../shared/ui/status-badge';
import type { RecentRun } from '../api/use-workflows';

/** The newest run: status, when, how long; links to the execution. */
export function LastRun({ run }: { run: RecentRun | null }) {
  if (!run) return <Text size="sm">never run</Text>;
  return (
    <Group gap="xs" wrap="nowrap">
      <StatusBadge status={run.status} />
      <Anchor component={Link} to={`/executions/${run.id}`} fz="sm">
        {run.startedAt ? timeAgo(run.startedAt) : 'queued'}
      </Anchor>
      <Text size="sm">{formatDuration(run.durationMs)}</Text>
    </Group>
  );
}

import { Anchor, Box, Group, Text, Tooltip } from '@mantine/core';
import { Link } from 'react-router';
import { formatDuration, timeAgo } from '../../../shared/lib/format';
import { statusColor } from '../../../shared/lib/status-color';
import type { RecentRun } from '../api/use-workflows';

export interface RunHistoryProps {
  workflowId: string;
  workflowName: string;
  runs: RecentRun[];
}

/**
 * The newest runs as coloured bars, oldest on the left, each with a tooltip. One link (to the workflow's
 * executions) carries a spoken summary, so a long list is not hundreds of tab stops.
 */
export function RunHistory({ workflowId, workflowName, runs }: RunHistoryProps) {
  if (runs.length === 0) return <Text size="sm">no runs</Text>;
  const counts = runs.reduce<Record<string, number>>((acc, run) => ({ ...acc, [run.status]: (acc[run.status] ?? 0) + 1 }), {});
  const summary = Object.entries(counts)
    .map(([status, n]) => `${n} ${status.toLowerCase()}`)
    .join(', ');
  return (
    <Anchor
      component={Link}
      to={`/executions?workflowId=${workflowId}`}
      aria-label={`Last ${runs.length} runs of ${workflowName}: ${summary}`}
      underline="never"
      data-testid="run-history"
    >
      <Group gap={3} wrap="nowrap" aria-hidden="true">
        {[...runs].reverse().map((run) => (
          <Tooltip
            key={run.id}
            label={`${run.status} · ${run.startedAt ? timeAgo(run.startedAt) : 'not started'} · ${formatDuration(run.durationMs)}`}
            withArrow
          >
            <Box
              data-status={run.status}
              w={8}
              h={18}
              bg={`${statusColor(run.status)}.${run.status === 'QUEUED' ? 5 : 7}`}
              style={{ borderRadius: 2 }}
            />
          </Tooltip>
        ))}
      </Group>
    </Anchor>
  );
}

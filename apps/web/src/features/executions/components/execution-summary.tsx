import { Anchor, Group, Text } from '@mantine/core';
import { Link } from 'react-router';
import { formatDateTime, formatDuration } from '../../../shared/lib/format';
import { StatusBadge } from '../../../shared/ui/status-badge';

export interface ExecutionSummaryProps {
  execution: {
    status: string;
    trigger: string;
    workflowId: string;
    workflowVersion?: number;
    attempt: number;
    queuedAt: string | null;
    startedAt: string | null;
    durationMs: number | null;
    retryOfId: string | null;
  };
}

export function ExecutionSummary({ execution }: ExecutionSummaryProps) {
  return (
    <Group gap="md" wrap="wrap">
      <StatusBadge status={execution.status} />
      <Text size="sm">Trigger {execution.trigger}</Text>
      {execution.workflowVersion != null && <Text size="sm">Version {execution.workflowVersion}</Text>}
      <Anchor component={Link} to={`/executions?workflowId=${execution.workflowId}`} fz="sm">
        Other runs of this workflow
      </Anchor>
      <Text size="sm">Queued {formatDateTime(execution.queuedAt)}</Text>
      {execution.startedAt && <Text size="sm">Started {formatDateTime(execution.startedAt)}</Text>}
      <Text size="sm">Duration {formatDuration(execution.durationMs)}</Text>
      {execution.attempt > 1 && <Text size="sm">Attempt {execution.attempt}</Text>}
      {execution.retryOfId && (
        <Anchor component={Link} to={`/executions/${execution.retryOfId}`} fz="sm">
          Retry of {execution.retryOfId.slice(0, 8)}
        </Anchor>
      )}
    </Group>
  );
}

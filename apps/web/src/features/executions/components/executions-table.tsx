import { Anchor, Table, Text } from '@mantine/core';
import { Link } from 'react-router';
import { formatDateTime, formatDuration } from '../../../shared/lib/format';
import type { Feedback } from '../../../shared/ui/action-feedback';
import { StatusBadge } from '../../../shared/ui/status-badge';
import type { useExecutions } from '../api/use-executions';
import { ExecutionActions } from './execution-actions';
import { DataTable } from '../../../shared/ui/data-table';

type Execution = NonNullable<ReturnType<typeof useExecutions>['data']>['items'][number];

export interface ExecutionsTableProps {
  executions: Execution[];
  workflowNames: Map<string, string>;
  onFeedback: (feedback: Feedback) => void;
}

export function ExecutionsTable({ executions, workflowNames, onFeedback }: ExecutionsTableProps) {
  return (
    <DataTable minWidth={820} striped columns={['Execution', 'Workflow', 'Status', 'Trigger', 'Queued', 'Duration', { hidden: 'Actions' }]}>
      {executions.map((execution) => (
        <Table.Tr key={execution.id}>
          <Table.Td>
            <Anchor component={Link} to={`/executions/${execution.id}`} ff="monospace" fz="sm">
              {execution.id.slice(0, 8)}
            </Anchor>
          </Table.Td>
          <Table.Td>
            <Text size="sm" truncate maw={220}>
              {workflowNames.get(execution.workflowId) ?? execution.workflowId.slice(0, 8)}
            </Text>
          </Table.Td>
          <Table.Td>
            <StatusBadge status={execution.status} />
          </Table.Td>
          <Table.Td>{execution.trigger}</Table.Td>
          <Table.Td>{formatDateTime(execution.queuedAt)}</Table.Td>
          <Table.Td>{formatDuration(execution.durationMs)}</Table.Td>
          <Table.Td>
            <ExecutionActions execution={execution} onFeedback={onFeedback} />
          </Table.Td>
        </Table.Tr>
      ))}
    </DataTable>
  );
}

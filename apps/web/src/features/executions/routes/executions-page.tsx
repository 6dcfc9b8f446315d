import { Anchor, Group, Select, Stack, Table, TextInput, Title } from '@mantine/core';
import { Link } from 'react-router';
import { useSearchParamFilters } from '../../../shared/hooks/use-search-param-filters';
import { EmptyState } from '../../../shared/ui/empty-state';
import { ErrorState } from '../../../shared/ui/error-state';
import { TableSkeleton } from '../../../shared/ui/table-skeleton';
import { useExecutions } from '../api/use-executions';
import { StatusBadge } from './status-badge';

const STATUSES = ['QUEUED', 'RUNNING', 'SUCCEEDED', 'FAILED', 'CANCELLED', 'TIMED_OUT'];

/** The user's runs; ExecutionEventsEffect refreshes it live. */
export function ExecutionsPage() {
  const filters = useSearchParamFilters();
  const status = filters.get('status');
  const workflowId = filters.get('workflowId');
  const query = useExecutions({ status, workflowId });
  return (
    <Stack>
      <Title order={1}>Executions</Title>
      <Group align="end">
        <Select
          label="Status"
          data={[{ value: '', label: 'Any' }, ...STATUSES.map((s) => ({ value: s, label: s }))]}
          value={status}
          onChange={(value) => filters.set('status', value ?? '')}
          allowDeselect={false}
        />
        <TextInput label="Workflow id" value={workflowId} onChange={(e) => filters.set('workflowId', e.currentTarget.value.trim())} />
      </Group>
      {query.isPending ? (
        <TableSkeleton />
      ) : query.isError ? (
        <ErrorState error={query.error} onRetry={() => void query.refetch()} />
      ) : query.data.items.length === 0 ? (
        <EmptyState title="No executions yet">Runs appear here as soon as they start.</EmptyState>
      ) : (
        <Table.ScrollContainer minWidth={640} type="native" tabIndex={0}>
          <Table striped highlightOnHover style={{ whiteSpace: 'nowrap' }}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Execution</Table.Th>
                <Table.Th>Status</Table.Th>
                <Table.Th>Trigger</Table.Th>
                <Table.Th>Queued</Table.Th>
                <Table.Th>Duration</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {query.data.items.map((execution) => (
                <Table.Tr key={execution.id}>
                  <Table.Td>
                    <Anchor component={Link} to={`/executions/${execution.id}`} ff="monospace" fz="sm">
                      {execution.id.slice(0, 8)}
                    </Anchor>
                  </Table.Td>
                  <Table.Td>
                    <StatusBadge status={execution.status} />
                  </Table.Td>
                  <Table.Td>{execution.trigger}</Table.Td>
                  <Table.Td>{execution.queuedAt ? new Date(execution.queuedAt).toLocaleString() : '—'}</Table.Td>
                  <Table.Td>{execution.durationMs == null ? '—' : `${execution.durationMs} ms`}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </Stack>
  );
}

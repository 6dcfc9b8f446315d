import { Anchor, Table, Text, Title } from '@mantine/core';
import { Link } from 'react-router';
import { EmptyState } from '../../../shared/ui/empty-state';
import { ErrorState } from '../../../shared/ui/error-state';
import { TableSkeleton } from '../../../shared/ui/table-skeleton';
import { useRecentFailures } from '../api/use-recent-failures';
import { DataTable } from '../../../shared/ui/data-table';

export function RecentFailures() {
  const query = useRecentFailures();
  return (
    <section aria-labelledby="failures-title">
      <Title order={2} size="h3" id="failures-title" mb="xs">
        Recent failures
      </Title>
      {query.isPending ? (
        <TableSkeleton rows={3} />
      ) : query.isError ? (
        <ErrorState error={query.error} onRetry={() => void query.refetch()} />
      ) : query.data.items.length === 0 ? (
        <EmptyState title="No failed executions" />
      ) : (
        <DataTable label="Recent failures table" minWidth={560} columns={['Execution', 'Finished', 'Error']}>
          {query.data.items.map((execution) => (
            <Table.Tr key={execution.id}>
              <Table.Td>
                <Anchor component={Link} to={`/executions/${execution.id}`} ff="monospace" fz="sm">
                  {execution.id.slice(0, 8)}
                </Anchor>
              </Table.Td>
              <Table.Td>{execution.finishedAt ? new Date(execution.finishedAt).toLocaleString() : '—'}</Table.Td>
              <Table.Td>
                <Text size="sm" truncate maw={420}>
                  {errorText(execution.error)}
                </Text>
              </Table.Td>
            </Table.Tr>
          ))}
        </DataTable>
      )}
    </section>
  );
}

function errorText(error: unknown): string {
  if (!error) return '—';
  if (typeof error === 'string') return error;
  const message = (error as { message?: unknown }).message;
  return typeof message === 'string' ? message : JSON.stringify(error);
}

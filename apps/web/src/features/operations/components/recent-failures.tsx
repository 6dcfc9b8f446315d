import { Anchor, Table, Text, Title } from '@mantine/core';
import { Link } from 'react-router';
import { EmptyState } from '../../../shared/ui/empty-state';
import { ErrorState } from '../../../shared/ui/error-state';
import { TableSkeleton } from '../../../shared/ui/table-skeleton';
import { useRecentFailures } from '../api/use-recent-failures';

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
        <Table.ScrollContainer minWidth={560} type="native" tabIndex={0} aria-label="Recent failures table">
          <Table style={{ whiteSpace: 'nowrap' }}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Execution</Table.Th>
                <Table.Th>Finished</Table.Th>
                <Table.Th>Error</Table.Th>
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
                  <Table.Td>{execution.finishedAt ? new Date(execution.finishedAt).toLocaleString() : '—'}</Table.Td>
                  <Table.Td>
                    <Text size="sm" truncate maw={420}>
                      {errorText(execution.error)}
                    </Text>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
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

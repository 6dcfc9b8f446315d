import { Badge, Button, Stack, Table, Title } from '@mantine/core';
import { EnablePushButton } from '../../../pwa/enable-push-button';
import { ErrorState } from '../../../shared/ui/error-state';
import { TableSkeleton } from '../../../shared/ui/table-skeleton';
import { useRevokeSession, useSessions } from '../api/use-sessions';
import { DataTable } from '../../../shared/ui/data-table';

export function SessionsPage() {
  const query = useSessions();
  const revoke = useRevokeSession();
  return (
    <Stack>
      <Title order={1}>Sessions</Title>
      <EnablePushButton />
      {query.isPending ? (
        <TableSkeleton />
      ) : query.isError ? (
        <ErrorState error={query.error} onRetry={() => void query.refetch()} />
      ) : (
        <DataTable minWidth={640} columns={['Browser', 'Last used', { hidden: 'Actions' }]}>
          {query.data.map((session) => (
            <Table.Tr key={session.id}>
              <Table.Td>
                {session.userAgent ?? 'unknown'} {session.current && <Badge variant="dot">this browser</Badge>}
              </Table.Td>
              <Table.Td>{new Date(session.lastUsedAt).toLocaleString()}</Table.Td>
              <Table.Td>
                {!session.current && (
                  <Button size="xs" color="red" variant="outline" onClick={() => revoke.mutate(session.id)}>
                    Revoke
                  </Button>
                )}
              </Table.Td>
            </Table.Tr>
          ))}
        </DataTable>
      )}
    </Stack>
  );
}

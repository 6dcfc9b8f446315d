import { Badge, Button, Stack, Table, Title, VisuallyHidden } from '@mantine/core';
import { EnablePushButton } from '../../../pwa/enable-push-button';
import { ErrorState } from '../../../shared/ui/error-state';
import { TableSkeleton } from '../../../shared/ui/table-skeleton';
import { useRevokeSession, useSessions } from '../api/use-sessions';

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
        <Table.ScrollContainer minWidth={640} type="native" tabIndex={0}>
          <Table style={{ whiteSpace: 'nowrap' }}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Browser</Table.Th>
                <Table.Th>Last used</Table.Th>
                <Table.Th>
                  <VisuallyHidden>Actions</VisuallyHidden>
                </Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
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
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </Stack>
  );
}

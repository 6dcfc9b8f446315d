import { Alert, Button, Group, Stack, Text, Title } from '@mantine/core';
import { EmptyState } from '../../../shared/ui/empty-state';
import { ErrorState } from '../../../shared/ui/error-state';
import { TableSkeleton } from '../../../shared/ui/table-skeleton';
import { useBackups, useStartBackup, useVerifyBackup } from '../api/use-backups';
import { BackupsTable } from '../components/backups-table';
import { OperationsNav } from '../components/operations-nav';
import { RequireAdmin } from '../components/require-admin';

/** Admins: the backup history, "Back up now" (202, then the list polls until the run ends) and "Verify". Restore stays a CLI step. */
export function BackupsPage() {
  return (
    <Stack>
      <Title order={1}>Backups</Title>
      <RequireAdmin>
        <OperationsNav />
        <BackupsSection />
      </RequireAdmin>
    </Stack>
  );
}

function BackupsSection() {
  const start = useStartBackup();
  const query = useBackups(start.data?.id);
  const verify = useVerifyBackup();
  const started = start.data && query.data?.items.find((b) => b.id === start.data.id);
  const running =
    (query.data?.items.some((b) => b.status === 'RUNNING') ?? false) || (!!start.data && (!started || started.status === 'RUNNING'));
  return (
    <Stack>
      <Group>
        <Button onClick={() => start.mutate()} loading={start.isPending} disabled={running}>
          Back up now
        </Button>
        {running && (
          <Text size="sm" role="status">
            A backup is running…
          </Text>
        )}
      </Group>
      {start.error && <ErrorState error={start.error} onRetry={() => start.reset()} />}
      {verify.error && <ErrorState error={verify.error} onRetry={() => verify.reset()} />}
      {verify.data && (
        <Alert
          variant="default"
          color={verify.data.status === 'PASSED' ? 'green' : 'red'}
          title={`Backup ${verify.data.id}: verification ${verify.data.status === 'PASSED' ? 'passed' : 'failed'}`}
          role="status"
          withCloseButton
          closeButtonLabel="Dismiss verification result"
          onClose={() => verify.reset()}
        >
          <Text size="sm">
            {verify.data.status === 'PASSED'
              ? `${verify.data.artifacts.length} artifact(s) match their manifest.`
              : verify.data.problems.join('; ')}
          </Text>
        </Alert>
      )}
      {query.isPending ? (
        <TableSkeleton />
      ) : query.isError ? (
        <ErrorState error={query.error} onRetry={() => void query.refetch()} />
      ) : query.data.items.length === 0 ? (
        <EmptyState title="No backups yet">The nightly backup or "Back up now" adds one here.</EmptyState>
      ) : (
        <BackupsTable
          backups={query.data.items}
          verifyingId={verify.isPending ? (verify.variables ?? null) : null}
          onVerify={(id) => verify.mutate(id)}
        />
      )}
    </Stack>
  );
}

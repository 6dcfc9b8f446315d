import { Badge, Button, Table, Text } from '@mantine/core';
import type { Backup } from '../api/use-backups';
import { DataTable } from '../../../shared/ui/data-table';

export interface BackupsTableProps {
  backups: Backup[];
  verifyingId: string | null;
  onVerify: (id: string) => void;
}

const STATUS_COLOR: Record<string, string> = { RUNNING: 'blue', SUCCEEDED: 'green', FAILED: 'red' };

export function BackupsTable({ backups, verifyingId, onVerify }: BackupsTableProps) {
  return (
    <DataTable
      label="Backups table"
      minWidth={860}
      columns={['Backup', 'Status', 'Trigger', 'Size', 'Duration', 'Verification', { hidden: 'Actions' }]}
    >
      {backups.map((b) => (
        <Table.Tr key={b.id}>
          <Table.Td>
            <Text size="sm" ff="monospace">
              {b.id}
            </Text>
            {b.error && (
              <Text size="xs" c="red" truncate maw={320} title={b.error}>
                {b.error}
              </Text>
            )}
          </Table.Td>
          <Table.Td>
            <Badge variant="dot" style={{ overflow: 'visible' }} color={b.deletedAt ? 'gray' : (STATUS_COLOR[b.status] ?? 'gray')}>
              {b.deletedAt ? 'deleted' : b.status.toLowerCase()}
            </Badge>
          </Table.Td>
          <Table.Td>{b.trigger.toLowerCase()}</Table.Td>
          <Table.Td>{formatBytes(b.sizeBytes)}</Table.Td>
          <Table.Td>{b.durationMs == null ? '—' : `${(b.durationMs / 1000).toFixed(1)} s`}</Table.Td>
          <Table.Td>
            {b.verification ? (
              <Badge variant="dot" style={{ overflow: 'visible' }} color={b.verification.status === 'PASSED' ? 'green' : 'red'}>
                {b.verification.status === 'PASSED' ? 'verified' : 'failed'}
                {b.verification.verifiedAt ? ` ${new Date(b.verification.verifiedAt).toLocaleString()}` : ''}
              </Badge>
            ) : (
              '—'
            )}
          </Table.Td>
          <Table.Td>
            <Button
              size="xs"
              variant="default"
              onClick={() => onVerify(b.id)}
              loading={verifyingId === b.id}
              disabled={b.status === 'RUNNING' || !!b.deletedAt}
              aria-label={`Verify backup ${b.id}`}
            >
              Verify
            </Button>
          </Table.Td>
        </Table.Tr>
      ))}
    </DataTable>
  );
}

function formatBytes(bytes: number | null): string {
  if (bytes == null) return '—';
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 ** 2) return `${(bytes / 1024).toFixed(1)} KB`;
  if (bytes < 1024 ** 3) return `${(bytes / 1024 ** 2).toFixed(1)} MB`;
  return `${(bytes / 1024 ** 3).toFixed(2)} GB`;
}

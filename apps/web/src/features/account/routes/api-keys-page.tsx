import { Alert, Button, Code, Group, Stack, Table, TextInput, Title } from '@mantine/core';
import { type FormEvent, useState } from 'react';
import { CopyValueButton } from '../../../shared/ui/copy-value-button';
import { EmptyState } from '../../../shared/ui/empty-state';
import { ErrorState } from '../../../shared/ui/error-state';
import { TableSkeleton } from '../../../shared/ui/table-skeleton';
import { useApiKeys, useCreateApiKey, useRevokeApiKey } from '../api/use-api-keys';
import { DataTable } from '../../../shared/ui/data-table';

export function ApiKeysPage() {
  const query = useApiKeys();
  const create = useCreateApiKey();
  const revoke = useRevokeApiKey();
  const [name, setName] = useState('');
  const submit = (event: FormEvent) => {
    event.preventDefault();
    create.mutate(name, { onSuccess: () => setName('') });
  };
  return (
    <Stack>
      <Title order={1}>API keys</Title>
      <form onSubmit={submit}>
        <Group align="end">
          <TextInput label="Key name" required value={name} onChange={(e) => setName(e.currentTarget.value)} />
          <Button type="submit" loading={create.isPending}>
            Create key
          </Button>
        </Group>
      </form>
      {create.error && <ErrorState error={create.error} onRetry={() => create.reset()} />}
      {create.data && (
        <Alert variant="default" color="green" title="Copy the key now: it is shown only once">
          <Group gap="xs" wrap="nowrap" align="center">
            <Code block style={{ flex: 1, wordBreak: 'break-all', whiteSpace: 'pre-wrap' }} data-testid="new-api-key">
              {create.data.key}
            </Code>
            <CopyValueButton value={create.data.key} label="Copy API key" size="sm" />
          </Group>
        </Alert>
      )}
      {query.isPending ? (
        <TableSkeleton />
      ) : query.isError ? (
        <ErrorState error={query.error} onRetry={() => void query.refetch()} />
      ) : query.data.items.length === 0 ? (
        <EmptyState title="No API keys" />
      ) : (
        <DataTable minWidth={640} columns={['Name', 'Prefix', 'Last used', { hidden: 'Actions' }]}>
          {query.data.items.map((key) => (
            <Table.Tr key={key.id}>
              <Table.Td>{key.name}</Table.Td>
              <Table.Td>
                <Code>{key.prefix}</Code>
              </Table.Td>
              <Table.Td>{key.lastUsedAt ? new Date(String(key.lastUsedAt)).toLocaleString() : 'never'}</Table.Td>
              <Table.Td>
                <Button size="xs" color="red" variant="outline" onClick={() => revoke.mutate(key.id)} aria-label={`Revoke ${key.name}`}>
                  Revoke
                </Button>
              </Table.Td>
            </Table.Tr>
          ))}
        </DataTable>
      )}
    </Stack>
  );
}

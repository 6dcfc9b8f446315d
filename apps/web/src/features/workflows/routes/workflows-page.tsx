import { Badge, Group, Select, Stack, Table, TextInput, Title } from '@mantine/core';
import { useSearchParamFilters } from '../../../shared/hooks/use-search-param-filters';
import { EmptyState } from '../../../shared/ui/empty-state';
import { ErrorState } from '../../../shared/ui/error-state';
import { TableSkeleton } from '../../../shared/ui/table-skeleton';
import { useWorkflows } from '../api/use-workflows';

export function WorkflowsPage() {
  const filters = useSearchParamFilters();
  const search = filters.get('search');
  const status = filters.get('status');
  const query = useWorkflows({ search, status });
  return (
    <Stack>
      <Title order={1}>Workflows</Title>
      <Group align="end">
        <TextInput label="Search" type="search" value={search} onChange={(e) => filters.set('search', e.currentTarget.value)} />
        <Select
          label="Status"
          data={[
            { value: '', label: 'Any' },
            { value: 'ACTIVE', label: 'Active' },
            { value: 'INACTIVE', label: 'Inactive' },
            { value: 'DRAFT', label: 'Draft' },
          ]}
          value={status}
          onChange={(value) => filters.set('status', value ?? '')}
          allowDeselect={false}
        />
      </Group>
      {query.isPending ? (
        <TableSkeleton />
      ) : query.isError ? (
        <ErrorState error={query.error} onRetry={() => void query.refetch()} />
      ) : query.data.items.length === 0 ? (
        <EmptyState title="No workflows yet">
          {search || status ? 'Nothing matches these filters.' : 'Create one through the API to see it here.'}
        </EmptyState>
      ) : (
        <Table.ScrollContainer minWidth={640} type="native" tabIndex={0}>
          <Table striped highlightOnHover style={{ whiteSpace: 'nowrap' }}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Name</Table.Th>
                <Table.Th>Status</Table.Th>
                <Table.Th>Version</Table.Th>
                <Table.Th>Updated</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {query.data.items.map((workflow) => (
                <Table.Tr key={workflow.id}>
                  <Table.Td>{workflow.name}</Table.Td>
                  <Table.Td>
                    <Badge variant="dot" color={workflow.active ? 'green' : 'gray'}>
                      {workflow.status}
                    </Badge>
                  </Table.Td>
                  <Table.Td>{workflow.version}</Table.Td>
                  <Table.Td>{new Date(workflow.updatedAt).toLocaleString()}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </Stack>
  );
}

import { Button, Group, Stack, Text, Title } from '@mantine/core';
import { Link } from 'react-router';
import { useSearchParamFilters } from '../../../shared/hooks/use-search-param-filters';
import { EmptyState } from '../../../shared/ui/empty-state';
import { ErrorState } from '../../../shared/ui/error-state';
import { TableSkeleton } from '../../../shared/ui/table-skeleton';
import { useWorkflows } from '../api/use-workflows';
import { WorkflowFilters } from '../components/workflow-filters';
import { WorkflowsTable } from '../components/workflows-table';

export function WorkflowsPage() {
  const filters = useSearchParamFilters();
  const search = filters.get('search');
  const tag = filters.get('tag');
  const status = filters.get('status');
  const query = useWorkflows({ search, tag, status });
  const filtered = Boolean(search || tag || status);
  return (
    <Stack>
      <Group justify="space-between">
        <Title order={1}>Workflows</Title>
        <Button component={Link} to="/workflows/new">
          New workflow
        </Button>
      </Group>
      <WorkflowFilters search={search} tag={tag} status={status} onChange={filters.set} />
      {query.isPending ? (
        <TableSkeleton rows={6} />
      ) : query.isError ? (
        <ErrorState error={query.error} onRetry={() => void query.refetch()} />
      ) : query.data.items.length === 0 ? (
        <EmptyState title={filtered ? 'No matching workflows' : 'No workflows yet'}>
          {filtered ? 'Nothing matches these filters.' : 'Create one with “New workflow” or through the API.'}
        </EmptyState>
      ) : (
        <>
          <WorkflowsTable workflows={query.data.items} onTag={(value) => filters.set('tag', value)} />
          {query.data.nextCursor && <Text size="sm">Showing the 50 newest; narrow the filters to find others.</Text>}
        </>
      )}
    </Stack>
  );
}

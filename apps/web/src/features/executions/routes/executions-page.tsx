import { Stack, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useSearchParamFilters } from '../../../shared/hooks/use-search-param-filters';
import { ActionFeedback, type Feedback } from '../../../shared/ui/action-feedback';
import { EmptyState } from '../../../shared/ui/empty-state';
import { ErrorState } from '../../../shared/ui/error-state';
import { TableSkeleton } from '../../../shared/ui/table-skeleton';
import { useWorkflows } from '../../workflows/api/use-workflows';
import { useExecutions } from '../api/use-executions';
import { ExecutionFilters } from '../components/execution-filters';
import { ExecutionsTable } from '../components/executions-table';

/** The user's runs; ExecutionEventsEffect refreshes it live. */
export function ExecutionsPage() {
  const filters = useSearchParamFilters();
  const values = {
    workflowId: filters.get('workflowId'),
    status: filters.get('status'),
    trigger: filters.get('trigger'),
    from: filters.get('from'),
    to: filters.get('to'),
  };
  const query = useExecutions(values);
  const workflows = useWorkflows({});
  const workflowNames = new Map((workflows.data?.items ?? []).map((w) => [w.id, w.name]));
  const [feedback, setFeedback] = useState<Feedback | null>(null);
  const filtered = Object.values(values).some(Boolean);
  return (
    <Stack>
      <Title order={1}>Executions</Title>
      <ExecutionFilters values={values} onChange={(changed) => filters.setAll(changed as Record<string, string>)} />
      <ActionFeedback feedback={feedback} onClose={() => setFeedback(null)} />
      {query.isPending ? (
        <TableSkeleton rows={6} />
      ) : query.isError ? (
        <ErrorState error={query.error} onRetry={() => void query.refetch()} />
      ) : query.data.items.length === 0 ? (
        <EmptyState title={filtered ? 'No matching executions' : 'No executions yet'}>
          {filtered ? 'Nothing matches these filters.' : 'Runs appear here as soon as they start.'}
        </EmptyState>
      ) : (
        <>
          <ExecutionsTable executions={query.data.items} workflowNames={workflowNames} onFeedback={setFeedback} />
          {query.data.nextCursor && <Text size="sm">Showing the 50 newest; narrow the filters to find others.</Text>}
        </>
      )}
    </Stack>
  );
}

import { Anchor, Stack, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { useSearchParamFilters } from '../../../shared/hooks/use-search-param-filters';
import { ActionFeedback, type Feedback } from '../../../shared/ui/action-feedback';
import { EmptyState } from '../../../shared/ui/empty-state';
import { ErrorState } from '../../../shared/ui/error-state';
import { TableSkeleton } from '../../../shared/ui/table-skeleton';
import { useWorkflow } from '../api/use-workflow';
import { useWorkflowVersions } from '../api/use-workflow-versions';
import { DiffSummary } from '../components/diff-summary';
import { SideBySideDiff } from '../components/side-by-side-diff';
import { VersionsTable } from '../components/versions-table';

/** /workflows/:id/versions: the version history, a side-by-side diff of two versions, restore. */
export function VersionsPage() {
  const { id = '' } = useParams();
  const workflow = useWorkflow(id);
  const query = useWorkflowVersions(id);
  const filters = useSearchParamFilters();
  const [feedback, setFeedback] = useState<Feedback | null>(null);
  const versions = query.data?.items ?? [];
  // By default: the previous version on the left, the current one on the right.
  const left = versions.find((v) => v.id === filters.get('a')) ?? versions[1] ?? versions[0];
  const right = versions.find((v) => v.id === filters.get('b')) ?? versions[0];
  return (
    <Stack>
      <Anchor component={Link} to="/workflows" fz="sm">
        ← All workflows
      </Anchor>
      <Title order={1}>Version history{workflow.data ? `: ${workflow.data.name}` : ''}</Title>
      <ActionFeedback feedback={feedback} onClose={() => setFeedback(null)} />
      {query.isPending ? (
        <TableSkeleton />
      ) : query.isError ? (
        <ErrorState error={query.error} onRetry={() => void query.refetch()} />
      ) : versions.length === 0 ? (
        <EmptyState title="No versions" />
      ) : (
        <>
          <VersionsTable
            workflowId={id}
            versions={versions}
            left={left.id}
            right={right.id}
            onPick={(side, versionId) => filters.set(side, versionId)}
            onFeedback={setFeedback}
          />
          <Title order={2} size="h3">
            Compare v{left.version} with v{right.version}
          </Title>
          {left.id === right.id ? (
            <Text size="sm">Pick two different versions to see what changed.</Text>
          ) : (
            <DiffSummary workflowId={id} a={left.id} b={right.id} />
          )}
          <SideBySideDiff
            before={{ label: `Version ${left.version}`, definition: left.definition }}
            after={{ label: `Version ${right.version}`, definition: right.definition }}
          />
        </>
      )}
    </Stack>
  );
}

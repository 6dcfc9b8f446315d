import { Anchor, Group, Stack, Title } from '@mantine/core';
import { useEffect, useState } from 'react';
import { Link, useParams } from 'react-router';
import { RUNNING_STATUSES } from '../../../shared/lib/status-color';
import { ActionFeedback, type Feedback } from '../../../shared/ui/action-feedback';
import { ErrorState } from '../../../shared/ui/error-state';
import { JsonView } from '../../../shared/ui/json-view';
import { TableSkeleton } from '../../../shared/ui/table-skeleton';
import { useExecution } from '../api/use-execution';
import { ExecutionActions } from '../components/execution-actions';
import { ExecutionSummary } from '../components/execution-summary';
import { StepCard } from '../components/step-card';
import { StepWaterfall } from '../components/step-waterfall';

export function ExecutionDetailPage() {
  const { id = '' } = useParams();
  const query = useExecution(id);
  const [feedback, setFeedback] = useState<Feedback | null>(null);
  const running = Boolean(query.data && RUNNING_STATUSES.includes(query.data.status));
  // While it runs, running steps' bars grow every second.
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (!running) return;
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, [running]);
  return (
    <Stack>
      <Anchor component={Link} to="/executions" fz="sm">
        ← All executions
      </Anchor>
      <Group justify="space-between" wrap="wrap">
        <Title order={1}>Execution {id.slice(0, 8)}</Title>
        {query.data && <ExecutionActions execution={query.data} onFeedback={setFeedback} size="sm" />}
      </Group>
      <ActionFeedback feedback={feedback} onClose={() => setFeedback(null)} />
      {query.isPending ? (
        <TableSkeleton />
      ) : query.isError ? (
        <ErrorState error={query.error} onRetry={() => void query.refetch()} />
      ) : (
        <>
          <ExecutionSummary execution={query.data} />
          {query.data.error != null && <JsonView label="Error" value={query.data.error} defaultOpened />}
          {query.data.output != null && <JsonView label="Run output" value={query.data.output} />}
          <StepWaterfall runStartedAt={query.data.startedAt} steps={query.data.steps ?? []} now={now} />
          <Title order={2} size="h3">
            Steps
          </Title>
          {(query.data.steps ?? []).map((step) => (
            <StepCard key={`${step.nodeId}-${step.sequence}`} step={step} />
          ))}
        </>
      )}
    </Stack>
  );
}

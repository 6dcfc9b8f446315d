import { Anchor, Card, Group, Stack, Text, Title } from '@mantine/core';
import { Link, useParams } from 'react-router';
import { ErrorState } from '../../../shared/ui/error-state';
import { JsonView } from '../../../shared/ui/json-view';
import { TableSkeleton } from '../../../shared/ui/table-skeleton';
import { useExecution } from '../api/use-execution';
import { StatusBadge } from './status-badge';

export function ExecutionDetailPage() {
  const { id = '' } = useParams();
  const query = useExecution(id);
  return (
    <Stack>
      <Anchor component={Link} to="/executions" fz="sm">
        ← All executions
      </Anchor>
      <Title order={1}>Execution {id.slice(0, 8)}</Title>
      {query.isPending ? (
        <TableSkeleton />
      ) : query.isError ? (
        <ErrorState error={query.error} onRetry={() => void query.refetch()} />
      ) : (
        <>
          <Group>
            <StatusBadge status={query.data.status} />
            <Text size="sm">Trigger {query.data.trigger}</Text>
            {query.data.durationMs != null && <Text size="sm">{query.data.durationMs} ms</Text>}
          </Group>
          {query.data.error != null && <JsonView label="Error" value={query.data.error} />}
          <Title order={2} size="h3">
            Steps
          </Title>
          {(query.data.steps ?? []).map((step) => (
            <Card key={`${step.nodeId}-${step.sequence}`} withBorder component="section" aria-label={`Step ${step.nodeId}`}>
              <Group justify="space-between">
                <Text fw={600}>{step.nodeId}</Text>
                <Group gap="xs">
                  <Text size="sm">
                    {step.nodeType}
                    {step.durationMs != null && ` · ${step.durationMs} ms`}
                  </Text>
                  <StatusBadge status={step.status} />
                </Group>
              </Group>
              <Stack gap={4} mt="xs">
                <JsonView label="Input" value={step.input} />
                <JsonView label="Output" value={step.output} />
                {step.error && <JsonView label="Error" value={step.error} />}
              </Stack>
            </Card>
          ))}
        </>
      )}
    </Stack>
  );
}

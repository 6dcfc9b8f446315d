import { Anchor, Button, Group, Text } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Link } from 'react-router';
import { keys } from '../api/keys';
import { api, unwrap } from '../api/client';
import { IDEMPOTENCY_HEADER } from './sw-protocol';

export interface RunWorkflowButtonProps {
  workflowId: string;
  workflowName: string;
}

/** 202 from the API (the execution), or from the service worker while offline (queued, sent later). */
type RunAnswer = { id?: string; queued?: boolean };

/**
 * "Run" on a workflow row. The Idempotency-Key is chosen here, before the request can be queued by the
 * service worker, so a replay after the connection returns never starts a second run.
 */
export function RunWorkflowButton({ workflowId, workflowName }: RunWorkflowButtonProps) {
  const queryClient = useQueryClient();
  const run = useMutation({
    mutationFn: async () =>
      (await unwrap(
        api.POST('/workflows/{id}/run', {
          params: { path: { id: workflowId } },
          body: {},
          headers: { [IDEMPOTENCY_HEADER]: crypto.randomUUID() },
        }),
      )) as RunAnswer,
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: keys.executions.all }),
  });
  return (
    <Group gap={6} wrap="nowrap">
      <Button size="compact-sm" variant="light" onClick={() => run.mutate()} loading={run.isPending} aria-label={`Run ${workflowName}`}>
        Run
      </Button>
      <Text size="xs" role="status" c={run.isError ? 'red' : 'dimmed'}>
        {run.isError ? 'Could not start' : run.data?.queued ? 'Pending' : run.data?.id ? <RunLink id={run.data.id} /> : null}
      </Text>
    </Group>
  );
}

function RunLink({ id }: { id: string }) {
  return (
    <Anchor component={Link} to={`/executions/${id}`} size="xs">
      Started
    </Anchor>
  );
}

import { Alert, List, Text } from '@mantine/core';
import { type QueryClient, useQueryClient } from '@tanstack/react-query';
import { useEffect, useReducer } from 'react';
import { Link } from 'react-router';
import { keys } from '../api/keys';
import { usePwaState } from './pwa-store';
import type { PendingRequest } from './sw-protocol';

interface Named {
  id?: unknown;
  name?: unknown;
}

/** A workflow's name from a list or detail already loaded: offline, there is nobody else to ask. */
function cachedWorkflowName(queryClient: QueryClient, id: string): string | undefined {
  for (const [, data] of queryClient.getQueriesData<Named | { items?: Named[] }>({ queryKey: keys.workflows.all })) {
    const candidates = data && 'items' in data && Array.isArray(data.items) ? data.items : [data as Named | undefined];
    const found = candidates.find((w) => w?.id === id && typeof w.name === 'string');
    if (found) return found.name as string;
  }
  return undefined;
}

/** The lookup above, drawn again when a workflows query loads (after a reload offline, the list comes a moment later). */
function useCachedWorkflowName(): (id: string) => string | undefined {
  const queryClient = useQueryClient();
  const [, redraw] = useReducer((n: number) => n + 1, 0);
  useEffect(
    () =>
      queryClient.getQueryCache().subscribe((event) => {
        if (event.type === 'updated' && event.query.queryKey[0] === keys.workflows.all[0]) redraw();
      }),
    [queryClient],
  );
  return (id) => cachedWorkflowName(queryClient, id);
}

function describe(request: PendingRequest, workflowName: (id: string) => string | undefined) {
  const time = new Date(request.queuedAt).toLocaleTimeString();
  return request.kind === 'run' ? (
    <>
      Run of{' '}
      <Link to={`/workflows/${request.targetId}`}>{workflowName(request.targetId) ?? `workflow ${request.targetId.slice(0, 8)}`}</Link> —
      pending since {time}
    </>
  ) : (
    <>
      Retry of <Link to={`/executions/${request.targetId}`}>execution {request.targetId.slice(0, 8)}</Link> — pending since {time}
    </>
  );
}

/** Runs and retries the service worker holds until the connection returns (then they show as executions). */
export function PendingRequests() {
  const { pending } = usePwaState();
  const workflowName = useCachedWorkflowName();
  if (!pending.length) return null;
  return (
    <section aria-label="Pending requests">
      <Alert color="blue" variant="light" mb="md" title={`${pending.length} pending`}>
        <Text size="sm" mb={4}>
          Sent once the connection returns.
        </Text>
        <List size="sm">
          {pending.map((request) => (
            <List.Item key={request.idempotencyKey}>{describe(request, workflowName)}</List.Item>
          ))}
        </List>
      </Alert>
    </section>
  );
}

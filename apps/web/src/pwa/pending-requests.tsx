import { Alert, List, Text } from '@mantine/core';
import { Link } from 'react-router';
import { usePwaState } from './pwa-store';
import type { PendingRequest } from './sw-protocol';

function describe(request: PendingRequest) {
  const time = new Date(request.queuedAt).toLocaleTimeString();
  return request.kind === 'run' ? (
    <>
      Run of <Link to={`/workflows/${request.targetId}`}>workflow {request.targetId.slice(0, 8)}</Link> — pending since {time}
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
  if (!pending.length) return null;
  return (
    <section aria-label="Pending requests">
      <Alert color="blue" variant="light" mb="md" title={`${pending.length} pending`}>
        <Text size="sm" mb={4}>
          Sent once the connection returns.
        </Text>
        <List size="sm">
          {pending.map((request) => (
            <List.Item key={request.idempotencyKey}>{describe(request)}</List.Item>
          ))}
        </List>
      </Alert>
    </section>
  );
}

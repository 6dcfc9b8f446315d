import { Alert, Button, Group, Text } from '@mantine/core';
import { useEffect, useState } from 'react';
import { ApiError } from '../../api/api-error';

export interface ErrorStateProps {
  error: unknown;
  onRetry: () => void;
}

/** 429: "slow down" with the Retry-After countdown; 5xx: the request id and a retry; other errors: the server's message. */
export function ErrorState({ error, onRetry }: ErrorStateProps) {
  const apiError = error instanceof ApiError ? error : null;
  if (apiError?.status === 429) return <SlowDown seconds={apiError.retryAfterSeconds ?? 5} onRetry={onRetry} />;
  const serverError = !apiError || apiError.status >= 500;
  return (
    <Alert variant="default" color="red" title={serverError ? 'Something went wrong on our side' : 'The request was refused'} role="alert">
      <Text size="sm">
        {!apiError
          ? 'The server could not be reached. Check the connection and try again.'
          : serverError
            ? `The server answered ${apiError.status}. Try again in a moment.`
            : apiError.message}
      </Text>
      {apiError?.requestId && (
        <Text size="sm" mt="xs">
          Request id: <code>{apiError.requestId}</code>
        </Text>
      )}
      <Group mt="sm">
        <Button size="xs" variant="default" onClick={onRetry}>
          Retry
        </Button>
      </Group>
    </Alert>
  );
}

function SlowDown({ seconds, onRetry }: { seconds: number; onRetry: () => void }) {
  const [left, setLeft] = useState(seconds);
  useEffect(() => {
    if (left <= 0) return;
    const timer = setTimeout(() => setLeft((s) => s - 1), 1000);
    return () => clearTimeout(timer);
  }, [left]);
  return (
    <Alert variant="default" color="yellow" title="Slow down" role="alert">
      <Text size="sm">Too many requests. {left > 0 ? `You can try again in ${left} s.` : 'You can try again now.'}</Text>
      <Group mt="sm">
        <Button size="xs" variant="default" onClick={onRetry} disabled={left > 0}>
          Retry
        </Button>
      </Group>
    </Alert>
  );
}

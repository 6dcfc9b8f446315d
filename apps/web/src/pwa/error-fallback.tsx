import { Button, Center, Code, Stack, Text, Title } from '@mantine/core';
import { ApiError } from '../api/api-error';

export interface ErrorFallbackProps {
  error: unknown;
}

export const requestIdOf = (error: unknown) => (error instanceof ApiError ? error.requestId : null);

/** What the user sees instead of a blank page when the console itself breaks. */
export function ErrorFallback({ error }: ErrorFallbackProps) {
  const requestId = requestIdOf(error);
  return (
    <Center mih="80vh" p="md">
      <Stack align="center" gap="sm" maw={420} ta="center" role="alert">
        <Title order={1} size="h2">
          Something went wrong
        </Title>
        <Text c="dimmed">The console hit an unexpected error. Reloading usually helps.</Text>
        {requestId && (
          <Text size="sm">
            Request id: <Code>{requestId}</Code>
          </Text>
        )}
        <Button onClick={() => window.location.reload()}>Reload</Button>
      </Stack>
    </Center>
  );
}

import { Alert, Text } from '@mantine/core';

export interface ChannelTestResultProps {
  channelName: string;
  result: { status: string; error?: string | null } | null;
  error: unknown;
  onClose: () => void;
}

/** What "Send test" answered: delivered, or the delivery error (the API never retries a test). */
export function ChannelTestResult({ channelName, result, error, onClose }: ChannelTestResultProps) {
  const sent = result?.status === 'SENT';
  const message = result?.error ?? (error instanceof Error ? error.message : 'The test could not be sent.');
  return (
    <Alert
      variant="default"
      color={sent ? 'green' : 'red'}
      title={sent ? `Test sent through "${channelName}"` : `Test through "${channelName}" failed`}
      role="status"
      withCloseButton
      closeButtonLabel="Dismiss test result"
      onClose={onClose}
    >
      <Text size="sm">{sent ? 'The channel delivered the test notification.' : message}</Text>
    </Alert>
  );
}

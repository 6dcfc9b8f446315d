import { Affix, Button, Group, Paper, Text } from '@mantine/core';
import { applyUpdate } from './register-service-worker';
import { usePwaState } from './pwa-store';

/** A new version waits until the user reloads: an open editor is never reloaded under them. */
export function UpdatePrompt() {
  const { updateReady } = usePwaState();
  if (!updateReady) return null;
  return (
    <Affix position={{ bottom: 16, right: 16 }} zIndex={400}>
      <Paper role="alert" shadow="md" p="sm" withBorder>
        <Group gap="sm" wrap="nowrap">
          <Text size="sm">A new version is ready</Text>
          <Button size="xs" onClick={applyUpdate}>
            Reload
          </Button>
        </Group>
      </Paper>
    </Affix>
  );
}

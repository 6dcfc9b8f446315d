import { Button, Group, Modal, Stack, Text } from '@mantine/core';
import type { Blocker } from 'react-router';

/** Shown when an in-app navigation would drop unsaved changes. */
export function LeaveDialog({ blocker }: { blocker: Blocker }) {
  const opened = blocker.state === 'blocked';
  return (
    <Modal opened={opened} closeButtonProps={{ 'aria-label': 'Close' }} onClose={() => blocker.reset?.()} title="Leave without saving?">
      <Stack>
        <Text size="sm">This workflow has unsaved changes. They are lost if you leave now.</Text>
        <Group justify="flex-end">
          <Button variant="default" onClick={() => blocker.reset?.()}>
            Stay
          </Button>
          <Button color="red" onClick={() => blocker.proceed?.()}>
            Leave and discard
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}

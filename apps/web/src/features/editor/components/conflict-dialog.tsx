import { Button, Group, Modal, Stack, Text } from '@mantine/core';

export interface ConflictDialogProps {
  opened: boolean;
  currentVersion: number | null;
  busy: boolean;
  onReload(): void;
  onOverwrite(): void;
  onCancel(): void;
}

/** A save answered 409: someone saved a newer version. Reload (discard mine) or overwrite (save on top of it). */
export function ConflictDialog({ opened, currentVersion, busy, onReload, onOverwrite, onCancel }: ConflictDialogProps) {
  return (
    <Modal opened={opened} closeButtonProps={{ 'aria-label': 'Close' }} onClose={onCancel} title="This workflow changed elsewhere">
      <Stack>
        <Text size="sm">
          Someone saved version {currentVersion ?? 'a newer version'} after you started editing. Reload it and lose your changes, or
          overwrite it with yours (a new version on top; the other one stays in the history).
        </Text>
        <Group justify="flex-end">
          <Button variant="default" onClick={onCancel} disabled={busy}>
            Cancel
          </Button>
          <Button variant="default" color="red" onClick={onReload} disabled={busy}>
            Reload (discard mine)
          </Button>
          <Button onClick={onOverwrite} loading={busy}>
            Overwrite
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}

import { Button, Group, Modal, Text } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import type { Feedback } from '../../../shared/ui/action-feedback';
import { feedbackFromError } from '../../../shared/ui/action-feedback';
import { useRestoreVersion } from '../api/use-restore-version';

export interface RestoreVersionButtonProps {
  workflowId: string;
  version: { id: string; version: number };
  onFeedback: (feedback: Feedback) => void;
}

/** "Restore this version", confirmed first: the old definition is saved again as the newest version. */
export function RestoreVersionButton({ workflowId, version, onFeedback }: RestoreVersionButtonProps) {
  const [opened, { open, close }] = useDisclosure(false);
  const restore = useRestoreVersion(workflowId);
  const confirm = () =>
    restore.mutate(version.id, {
      onSuccess: (restored) => {
        close();
        onFeedback({ kind: 'success', message: `Version ${version.version} restored as version ${restored.version}.` });
      },
      onError: (error) => {
        close();
        onFeedback(feedbackFromError(`Could not restore version ${version.version}`, error));
      },
    });
  return (
    <>
      <Button size="xs" variant="default" onClick={open} aria-label={`Restore version ${version.version}`}>
        Restore this version
      </Button>
      <Modal opened={opened} onClose={close} title={`Restore version ${version.version}?`} centered>
        <Text size="sm">
          Its definition is saved again as a new, newest version. Nothing is lost: every version stays in the history. An active workflow's
          triggers follow the restored definition.
        </Text>
        <Group justify="end" mt="md">
          <Button variant="default" onClick={close}>
            Keep the current version
          </Button>
          <Button onClick={confirm} loading={restore.isPending}>
            Restore version {version.version}
          </Button>
        </Group>
      </Modal>
    </>
  );
}

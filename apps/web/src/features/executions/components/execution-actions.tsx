import { Button, Group } from '@mantine/core';
import { RETRYABLE_STATUSES, RUNNING_STATUSES } from '../../../shared/lib/status-color';
import { type Feedback, feedbackFromError } from '../../../shared/ui/action-feedback';
import { useCancelExecution, useRetryExecution } from '../api/use-execution-actions';

export interface ExecutionActionsProps {
  execution: { id: string; status: string };
  onFeedback: (feedback: Feedback) => void;
  size?: 'xs' | 'sm';
}

/** Retry (failed, cancelled, timed out) and Cancel (queued, running), with the outcome reported. */
export function ExecutionActions({ execution, onFeedback, size = 'xs' }: ExecutionActionsProps) {
  const retry = useRetryExecution();
  const cancel = useCancelExecution();
  const short = execution.id.slice(0, 8);
  const canRetry = RETRYABLE_STATUSES.includes(execution.status);
  const canCancel = RUNNING_STATUSES.includes(execution.status);
  if (!canRetry && !canCancel) return null;
  return (
    <Group gap="xs" wrap="nowrap">
      {canRetry && (
        <Button
          size={size}
          variant="default"
          loading={retry.isPending}
          aria-label={`Retry execution ${short}`}
          onClick={() =>
            retry.mutate(execution.id, {
              onSuccess: (started) =>
                onFeedback(
                  started.id
                    ? {
                        kind: 'success',
                        message: `Retry of ${short} queued as execution ${started.id.slice(0, 8)}.`,
                        link: { to: `/executions/${started.id}`, label: 'Open it' },
                      }
                    : {
                        kind: 'success',
                        message: `You are offline: the retry of ${short} is pending and is sent when the connection returns.`,
                      },
                ),
              onError: (error) => onFeedback(feedbackFromError(`Could not retry ${short}`, error)),
            })
          }
        >
          Retry
        </Button>
      )}
      {canCancel && (
        <Button
          size={size}
          variant="outline"
          color="red"
          loading={cancel.isPending}
          aria-label={`Cancel execution ${short}`}
          onClick={() =>
            cancel.mutate(execution.id, {
              onSuccess: () => onFeedback({ kind: 'success', message: `Execution ${short} cancelled.` }),
              onError: (error) => onFeedback(feedbackFromError(`Could not cancel ${short}`, error)),
            })
          }
        >
          Cancel
        </Button>
      )}
    </Group>
  );
}

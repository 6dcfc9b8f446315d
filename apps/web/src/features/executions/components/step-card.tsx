import { Card, Group, Stack, Text } from '@mantine/core';
import { formatDuration } from '../../../shared/lib/format';
import { JsonView } from '../../../shared/ui/json-view';
import { StatusBadge } from '../../../shared/ui/status-badge';

export interface StepCardProps {
  step: {
    nodeId: string;
    nodeType: string;
    status: string;
    attempt: number;
    durationMs: number | null;
    input: unknown;
    output: unknown;
    error: unknown;
    reusedFromExecutionId: string | null;
  };
}

/** One step: its status and duration, and its input, output and error as collapsible JSON. */
export function StepCard({ step }: StepCardProps) {
  return (
    <Card withBorder component="section" aria-label={`Step ${step.nodeId}`} padding="sm">
      <Group justify="space-between" wrap="wrap" gap="xs">
        <Text fw={600} ff="monospace">
          {step.nodeId}
        </Text>
        <Group gap="xs">
          <Text size="sm">
            {step.nodeType} · {formatDuration(step.durationMs)}
            {step.attempt > 1 && ` · attempt ${step.attempt}`}
            {step.reusedFromExecutionId && ' · reused'}
          </Text>
          <StatusBadge status={step.status} />
        </Group>
      </Group>
      <Stack gap={4} mt="xs">
        <JsonView label="Input" value={step.input} />
        <JsonView label="Output" value={step.output} />
        {step.error != null && <JsonView label="Error" value={step.error} defaultOpened />}
      </Stack>
    </Card>
  );
}

import { Badge } from '@mantine/core';

const COLORS: Record<string, string> = {
  SUCCEEDED: 'green',
  FAILED: 'red',
  RUNNING: 'blue',
  QUEUED: 'gray',
  CANCELLED: 'orange',
  TIMED_OUT: 'red',
};

export function StatusBadge({ status }: { status: string }) {
  return (
    <Badge variant="dot" color={COLORS[status] ?? 'gray'} style={{ flexShrink: 0, overflow: 'visible' }}>
      {status}
    </Badge>
  );
}

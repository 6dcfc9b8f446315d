import { Badge } from '@mantine/core';
import { statusColor } from '../lib/status-color';

export function StatusBadge({ status }: { status: string }) {
  return (
    <Badge variant="dot" color={statusColor(status)} style={{ flexShrink: 0, overflow: 'visible' }}>
      {status}
    </Badge>
  );
}

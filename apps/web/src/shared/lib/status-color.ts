const COLORS: Record<string, string> = {
  SUCCEEDED: 'green',
  FAILED: 'red',
  RUNNING: 'blue',
  QUEUED: 'gray',
  CANCELLED: 'orange',
  TIMED_OUT: 'red',
  SKIPPED: 'gray',
  PENDING: 'gray',
};

/** The Mantine colour of an execution or step status (the same everywhere in the console). */
export const statusColor = (status: string): string => COLORS[status] ?? 'gray';

export const RUNNING_STATUSES = ['QUEUED', 'RUNNING'];
export const RETRYABLE_STATUSES = ['FAILED', 'CANCELLED', 'TIMED_OUT'];

/** Human labels for the notification enums (the API speaks in SCREAMING_CASE). */
export const CHANNEL_TYPE_LABEL: Record<string, string> = {
  IN_APP: 'In-app',
  EMAIL: 'Email',
  SLACK: 'Slack',
  WEBHOOK: 'Webhook',
  PUSH: 'Browser push',
};

export const EVENT_LABEL: Record<string, string> = {
  EXECUTION_FAILED: 'Execution failed',
  EXECUTION_SUCCEEDED: 'Execution succeeded',
  WORKFLOW_DEACTIVATED: 'Workflow deactivated',
  BACKUP_FAILED: 'Backup failed',
  BACKUP_SUCCEEDED: 'Backup succeeded',
  ALERT_FIRED: 'Alert fired',
  CHANNEL_TEST: 'Channel test',
};

export const SUBSCRIBABLE_EVENTS = [
  'EXECUTION_FAILED',
  'EXECUTION_SUCCEEDED',
  'WORKFLOW_DEACTIVATED',
  'ALERT_FIRED',
  'BACKUP_FAILED',
  'BACKUP_SUCCEEDED',
];

export const METRIC_LABEL: Record<string, string> = {
  EXECUTION_FAILURE_COUNT: 'Failed executions',
  EXECUTION_FAILURE_RATE: 'Failure rate',
  P95_LATENCY_MS: 'p95 duration (ms)',
  QUEUE_DEPTH: 'Queue depth (admins)',
};

export const COMPARATOR_LABEL: Record<string, string> = { GT: '>', GTE: '≥', LT: '<', LTE: '≤' };

export const labelOf = (labels: Record<string, string>, value: string) => labels[value] ?? value;

export const options = (labels: Record<string, string>, values = Object.keys(labels)) =>
  values.map((value) => ({ value, label: labelOf(labels, value) }));

/** "15 min", "1 h", "2 d" for a number of seconds. */
export function formatSeconds(seconds: number): string {
  if (seconds % 86_400 === 0) return `${seconds / 86_400} d`;
  if (seconds % 3600 === 0) return `${seconds / 3600} h`;
  if (seconds % 60 === 0) return `${seconds / 60} min`;
  return `${seconds} s`;
}

export const formatDate = (iso: string | null | undefined) => (iso ? new Date(iso).toLocaleString() : '—');

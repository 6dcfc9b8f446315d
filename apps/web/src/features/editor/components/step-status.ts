/** Status colours of a test run on the canvas (Mantine palette names). */
export function stepColor(status: string | undefined): string | null {
  switch (status) {
    case 'RUNNING':
    case 'QUEUED':
    case 'PENDING':
      return 'blue';
    case 'SUCCEEDED':
      return 'green';
    case 'FAILED':
    case 'TIMED_OUT':
    case 'CANCELLED':
      return 'red';
    case 'SKIPPED':
      return 'gray';
    default:
      return null;
  }
}

export function formatDuration(ms: number | undefined): string {
  if (ms === undefined || ms === null) return '';
  return ms < 1000 ? `${ms} ms` : `${(ms / 1000).toFixed(ms < 10_000 ? 2 : 1)} s`;
}

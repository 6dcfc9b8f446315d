/** Query keys of the operations feature (admin screens). */
export const operationsKeys = {
  me: (userId: string) => ['me', userId] as const,
  all: ['operations'] as const,
  readiness: ['operations', 'readiness'] as const,
  series: (window: string) => ['operations', 'series', window] as const,
  failures: ['operations', 'failures'] as const,
  backups: ['operations', 'backups'] as const,
};

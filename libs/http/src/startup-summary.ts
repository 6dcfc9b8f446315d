import { AppConfig } from '@app/config';

export type AppRole = 'api' | 'worker';

export interface StartupSummary {
  message: string;
  /** The same facts as fields, for JSON logs. */
  startup: { role: AppRole; url: string; version: string; environment: string; workerInline: boolean; features: Record<string, boolean> };
}

/** What an operator wants to see once the process is up: where, which version, which features are on. */
export function startupSummary(config: AppConfig, role: AppRole, url: string, version: string): StartupSummary {
  const { server, observability, throttle, backup, smtp } = config;
  const features: Record<string, boolean> = {
    rateLimits: throttle.THROTTLE_ENABLED,
    metrics: observability.METRICS_ENABLED,
    sentry: Boolean(observability.SENTRY_DSN),
    email: Boolean(smtp.SMTP_HOST),
    ...(role === 'api' ? { docs: server.DOCS_ENABLED, backups: backup.BACKUP_ENABLED, s3: Boolean(backup.S3_BUCKET) } : {}),
  };
  const names = (on: boolean) => Object.keys(features).filter((name) => features[name] === on);
  const label = (name: string) => (name === 'rateLimits' ? 'rate limits' : name);
  const detail: Record<string, string> = { docs: ' (/docs)', backups: ` (${backup.BACKUP_CRON})` };
  const worker = role === 'worker' ? '' : server.WORKER_INLINE ? '; worker inline' : '; worker separate (npm run start:worker)';
  const enabled = names(true).map((name) => label(name) + (detail[name] ?? ''));
  const disabled = names(false).map(label);
  const message =
    `workflow-platform ${version} ${role} ready at ${url} (${server.NODE_ENV})${worker}; ` +
    `on: ${enabled.join(', ') || 'none'}; off: ${disabled.join(', ') || 'none'}`;
  return { message, startup: { role, url, version, environment: server.NODE_ENV, workerInline: server.WORKER_INLINE, features } };
}

import type { DynamicModule } from '@nestjs/common';

/**
 * SentryModule when SENTRY_DSN is set, else nothing. Required on demand: loading @sentry/nestjs
 * (OpenTelemetry included) costs ~0.2-0.8 s and ~35 MB at start, for processes that report nowhere.
 */
export function sentryModules(dsn: string | undefined): DynamicModule[] {
  if (!dsn) return [];
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { SentryModule } = require('@sentry/nestjs/setup') as typeof import('@sentry/nestjs/setup');
  return [SentryModule.forRoot()];
}

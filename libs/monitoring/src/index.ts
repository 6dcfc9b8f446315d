export { MonitoringModule } from './monitoring.module';
export { MonitoringHttpModule } from './monitoring-http.module';
export {
  PerformanceService,
  type PerformanceStats,
  type PerformanceSummary,
  toStats,
  TraceCacheUnavailableError,
} from './performance/performance.service';
export { type WindowName, WINDOWS, windowSlots, type WindowSlots } from './performance/performance-window';
export { PerformanceSnapshotService } from './performance/performance-snapshot.service';
export { type Trace, TRACE_SCOPES, type TraceScope } from './traces/trace';
export { TraceRecorder } from './traces/trace-recorder.service';
export { REDACTED, scrubDeep, scrubEvent, scrubText, sentryOptions } from './sentry/sentry-options';
export { sentryModules } from './sentry/sentry-module';

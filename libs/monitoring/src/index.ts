export * from './monitoring.module';
export * from './monitoring-http.module';
export * from './performance/performance.service';
export * from './performance/performance-window';
export * from './performance/performance-snapshot.service';
export * from './traces/trace';
export * from './traces/trace-recorder.service';
export * from './sentry/sentry-options';

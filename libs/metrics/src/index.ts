export * from './metrics.module';
export * from './metric-names';
export * from './error-counter';

export * from './logging.module';
export * from './redact-paths';

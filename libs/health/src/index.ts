export * from './health.module';
export * from './lifecycle.service';
export * from './graceful-shutdown';
export * from './with-timeout.util';
export * from './app-version';

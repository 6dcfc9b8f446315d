export { HealthModule } from './health.module';
export { LifecycleModule } from './lifecycle.module';
export { LifecycleService, type StartupStepRun } from './lifecycle.service';
export { installGracefulShutdown, type ShutdownOptions } from './graceful-shutdown';

import { DynamicModule, Module } from '@nestjs/common';
import { AppConfig, AppConfigModule } from '@app/config';
import { BackupMetricsModule } from '@app/backup';
import { CredentialsModule } from '@app/credentials';
import { DatabaseModule } from '@app/database';
import { ExecutionMetricsModule, ExecutionQueueModule, ExecutionWorkerModule } from '@app/executions';
import { FilesModule } from '@app/files';
import { HealthModule } from '@app/health';
import { LoggingModule } from '@app/logging';
import { MetricsModule } from '@app/metrics';
import { MonitoringModule, sentryModules } from '@app/monitoring';
import { NotificationsWorkerModule } from '@app/notifications';
import { RedisModule } from '@app/redis';

/** A queue consumer process; its small HTTP server serves the probes (and /metrics). */
@Module({})
export class WorkerModule {
  static register(config: AppConfig): DynamicModule {
    return {
      module: WorkerModule,
      imports: [
        ...sentryModules(config.observability.SENTRY_DSN),
        AppConfigModule.forRoot(config),
        LoggingModule,
        DatabaseModule,
        RedisModule,
        HealthModule,
        CredentialsModule,
        FilesModule,
        ExecutionQueueModule,
        ExecutionWorkerModule,
        NotificationsWorkerModule,
        MetricsModule,
        ExecutionMetricsModule,
        BackupMetricsModule,
        MonitoringModule,
      ],
    };
  }
}

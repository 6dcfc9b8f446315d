import { DynamicModule, Module } from '@nestjs/common';
import { ScheduleModule } from '@nestjs/schedule';
import { AuthModule } from '@app/auth';
import { BackupHttpModule, BackupMetricsModule, BackupModule } from '@app/backup';
import { AppConfig, AppConfigModule } from '@app/config';
import { CredentialsHttpModule, CredentialsModule } from '@app/credentials';
import { DatabaseModule } from '@app/database';
import { FilesHttpModule } from '@app/files';
import { ExecutionMetricsModule, ExecutionQueueModule, ExecutionsHttpModule, ExecutionWorkerModule } from '@app/executions';
import { HealthModule } from '@app/health';
import { LoggingModule } from '@app/logging';
import { MetricsModule } from '@app/metrics';
import { MonitoringHttpModule, sentryModules } from '@app/monitoring';
import { NotificationsHttpModule, NotificationsWorkerModule } from '@app/notifications';
import { RedisModule } from '@app/redis';
import { ThrottlingModule } from '@app/throttling';
import { WebhooksModule } from '@app/webhooks';
import { WorkflowsHttpModule } from '@app/workflows';

@Module({})
export class AppModule {
  static register(config: AppConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ...sentryModules(config.observability.SENTRY_DSN),
        AppConfigModule.forRoot(config),
        LoggingModule,
        DatabaseModule,
        RedisModule,
        HealthModule,
        ExecutionQueueModule,
        AuthModule,
        MetricsModule,
        ExecutionMetricsModule,
        BackupMetricsModule,
        MonitoringHttpModule,
        ThrottlingModule, // after AuthModule: global guards run in import order and the rate limiter needs request.user
        CredentialsModule,
        WorkflowsHttpModule,
        CredentialsHttpModule,
        ExecutionsHttpModule,
        WebhooksModule,
        FilesHttpModule,
        ScheduleModule.forRoot(),
        BackupModule,
        BackupHttpModule,
        NotificationsHttpModule,
        ...(config.server.WORKER_INLINE ? [ExecutionWorkerModule, NotificationsWorkerModule] : []),
      ],
    };
  }
}

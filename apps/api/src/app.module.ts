import { DynamicModule, Module } from '@nestjs/common';
import { AuthModule } from '@app/auth';
import { AppConfig, AppConfigModule } from '@app/config';
import { DatabaseModule } from '@app/database';
import { CommonModule } from '@app/common';
import { ExecutionQueueModule, ExecutionsHttpModule, ExecutionWorkerModule } from '@app/executions';
import { HealthModule } from '@app/health';
import { LoggingModule } from '@app/logging';
import { RedisModule } from '@app/redis';
import { WebhooksModule } from '@app/webhooks';
import { WorkflowsHttpModule } from '@app/workflows';

@Module({})
export class AppModule {
  static register(config: AppConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [AppConfigModule.forRoot(config), LoggingModule, DatabaseModule, RedisModule, HealthModule, CommonModule, ExecutionQueueModule, AuthModule,
        WorkflowsHttpModule,
        ExecutionsHttpModule,
        WebhooksModule,
        ...(config.server.WORKER_INLINE ? [ExecutionWorkerModule] : [])],
    };
  }
}

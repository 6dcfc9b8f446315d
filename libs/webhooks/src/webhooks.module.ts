import { MiddlewareConsumer, Module, NestModule } from '@nestjs/common';
import { CommonModule } from '@app/common';
import { DatabaseModule } from '@app/database';
import { ExecutionsModule } from '@app/executions';
import { FilesModule } from '@app/files';
import { MetricsModule } from '@app/metrics';
import { RedisModule } from '@app/redis';
import { RateLimiterModule } from '@app/throttling';
import { IdempotencyService } from './idempotency.service';
import { webhookAnswerHeaders } from './webhook-answer-headers';
import { WebhookFormReader } from './webhook-form.reader';
import { WebhookRegistry } from './webhook-registry.service';
import { WebhooksController } from './webhooks.controller';
import { WebhooksService } from './webhooks.service';

@Module({
  imports: [ExecutionsModule, CommonModule, FilesModule, DatabaseModule, RedisModule, MetricsModule, RateLimiterModule],
  controllers: [WebhooksController],
  providers: [WebhooksService, WebhookRegistry, IdempotencyService, WebhookFormReader],
})
export class WebhooksModule implements NestModule {
  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(webhookAnswerHeaders).forRoutes('webhook/*path');
  }
}

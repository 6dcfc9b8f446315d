import { Module } from '@nestjs/common';
import { ExecutionsModule } from '@app/executions';
import { IdempotencyService } from './idempotency.service';
import { WebhookRegistry } from './webhook-registry.service';
import { WebhooksController } from './webhooks.controller';
import { WebhooksService } from './webhooks.service';

@Module({
  imports: [ExecutionsModule],
  controllers: [WebhooksController],
  providers: [WebhooksService, WebhookRegistry, IdempotencyService],
})
export class WebhooksModule {}

import { BullModule } from '@nestjs/bullmq';
import { Module } from '@nestjs/common';
import { AppConfig } from '@app/config';
import { DatabaseModule } from '@app/database';
import { LifecycleModule } from '@app/health';
import { RedisModule, redisOptions } from '@app/redis';
import { EXECUTION_QUEUE } from './execution-queue.constants';
import { ExecutionQueueStartup } from './execution-queue.startup';
import { RedisPrefixClaim } from './redis-prefix-claim.service';

/** The BullMQ execution queue (producer side); shared by the API and the worker processes. */
@Module({
  imports: [
    BullModule.forRootAsync({
      inject: [AppConfig],
      useFactory: (config: AppConfig) => ({
        // Producer side only (workers open their own blocking connections): fail fast during outages.
        connection: redisOptions(config.redis, 'producer'),
        prefix: `${config.redis.REDIS_KEY_PREFIX}bull`,
      }),
    }),
    BullModule.registerQueue({ name: EXECUTION_QUEUE }),
    LifecycleModule,
    DatabaseModule,
    RedisModule,
  ],
  providers: [ExecutionQueueStartup, RedisPrefixClaim],
  exports: [BullModule, RedisPrefixClaim],
})
export class ExecutionQueueModule {}

import { Module } from '@nestjs/common';
import { TerminusModule } from '@nestjs/terminus';
import { DatabaseModule } from '@app/database';
import { RedisModule } from '@app/redis';
import { HealthController } from './health.controller';
import { DatabaseIndicator } from './indicators/database.indicator';
import { MigrationsIndicator } from './indicators/migrations.indicator';
import { RedisIndicator } from './indicators/redis.indicator';
import { LifecycleModule } from './lifecycle.module';

@Module({
  imports: [TerminusModule.forRoot({ errorLogStyle: 'json' }), LifecycleModule, DatabaseModule, RedisModule],
  controllers: [HealthController],
  providers: [DatabaseIndicator, RedisIndicator, MigrationsIndicator],
  exports: [LifecycleModule],
})
export class HealthModule {}

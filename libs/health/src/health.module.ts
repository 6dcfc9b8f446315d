import { Module } from '@nestjs/common';
import { TerminusModule } from '@nestjs/terminus';
import { HealthController } from './health.controller';
import { DatabaseIndicator } from './indicators/database.indicator';
import { MigrationsIndicator } from './indicators/migrations.indicator';
import { RedisIndicator } from './indicators/redis.indicator';
import { LifecycleModule } from './lifecycle.module';

@Module({
  imports: [TerminusModule.forRoot({ errorLogStyle: 'json' }), LifecycleModule],
  controllers: [HealthController],
  providers: [DatabaseIndicator, RedisIndicator, MigrationsIndicator],
  exports: [LifecycleModule],
})
export class HealthModule {}

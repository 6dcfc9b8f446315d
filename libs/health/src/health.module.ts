import { Global, Module } from '@nestjs/common';
import { TerminusModule } from '@nestjs/terminus';
import { HealthController } from './health.controller';
import { DatabaseIndicator } from './indicators/database.indicator';
import { MigrationsIndicator } from './indicators/migrations.indicator';
import { RedisIndicator } from './indicators/redis.indicator';
import { LifecycleService } from './lifecycle.service';

@Global()
@Module({
  imports: [TerminusModule.forRoot({ errorLogStyle: 'json' })],
  controllers: [HealthController],
  providers: [LifecycleService, DatabaseIndicator, RedisIndicator, MigrationsIndicator],
  exports: [LifecycleService],
})
export class HealthModule {}

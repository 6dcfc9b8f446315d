import { Controller, Get, ServiceUnavailableException } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { APP_VERSION } from '@app/config';
import { Public } from '@app/common';
import { HealthCheck, HealthCheckService, HealthIndicatorService } from '@nestjs/terminus';
import { DatabaseIndicator } from './indicators/database.indicator';
import { MigrationsIndicator } from './indicators/migrations.indicator';
import { RedisIndicator } from './indicators/redis.indicator';
import { LifecycleService } from './lifecycle.service';

const CHECK_TIMEOUT_MS = 1_000;

@ApiTags('health')
@Public()
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly indicators: HealthIndicatorService,
    private readonly lifecycle: LifecycleService,
    private readonly database: DatabaseIndicator,
    private readonly redis: RedisIndicator,
    private readonly migrations: MigrationsIndicator,
  ) {}

  @Get()
  info() {
    const uptimeSeconds = Math.round(process.uptime());
    return { status: 'ok', version: APP_VERSION, uptimeSeconds, startedAt: this.lifecycle.startedAt.toISOString() };
  }

  /** The process answers: never touches a dependency, so an outage elsewhere cannot restart pods. */
  @Get('live')
  @HealthCheck()
  live() {
    return this.health.check([]);
  }

  @Get('ready')
  @HealthCheck()
  ready() {
    return this.health.check([
      () => this.shutdownState(),
      () => this.database.check(CHECK_TIMEOUT_MS),
      () => this.redis.check(CHECK_TIMEOUT_MS),
      () => this.migrations.check(CHECK_TIMEOUT_MS),
    ]);
  }

  @Get('startup')
  startup() {
    const body = { status: this.lifecycle.started ? 'ok' : 'starting', steps: this.lifecycle.startupSteps };
    if (!this.lifecycle.started) throw new ServiceUnavailableException(body);
    return body;
  }

  private shutdownState() {
    const indicator = this.indicators.check('lifecycle');
    return this.lifecycle.isShuttingDown ? indicator.down({ message: 'shutting down' }) : indicator.up();
  }
}

import { Controller, Get, ServiceUnavailableException } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import { APP_VERSION } from '@app/config';
import { Public } from '@app/common';
import { HealthCheck, HealthCheckService, HealthIndicatorService } from '@nestjs/terminus';
import { DatabaseIndicator } from './indicators/database.indicator';
import { MigrationsIndicator } from './indicators/migrations.indicator';
import { RedisIndicator } from './indicators/redis.indicator';
import { HealthCheckResultDto, HealthInfoDto, StartupStateDto } from './dto/health-responses.dto';
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
  @ApiOperation({ summary: 'Version and uptime' })
  @ApiOkResponse({ type: HealthInfoDto })
  info() {
    const uptimeSeconds = Math.round(process.uptime());
    return { status: 'ok', version: APP_VERSION, uptimeSeconds, startedAt: this.lifecycle.startedAt.toISOString() };
  }

  /** The process answers: never touches a dependency, so an outage elsewhere cannot restart pods. */
  @Get('live')
  @HealthCheck()
  @ApiOperation({ summary: 'Liveness probe: the process answers' })
  @ApiOkResponse({ type: HealthCheckResultDto })
  @ApiServiceUnavailableResponse({ type: HealthCheckResultDto, description: 'Not live' })
  live() {
    return this.health.check([]);
  }

  @Get('ready')
  @HealthCheck()
  @ApiOperation({ summary: 'Readiness probe: PostgreSQL, Redis, migrations, not shutting down' })
  @ApiOkResponse({ type: HealthCheckResultDto })
  @ApiServiceUnavailableResponse({ type: HealthCheckResultDto, description: 'A dependency is down or the process is shutting down' })
  ready() {
    return this.health.check([
      () => this.shutdownState(),
      () => this.database.check(CHECK_TIMEOUT_MS),
      () => this.redis.check(CHECK_TIMEOUT_MS),
      () => this.migrations.check(CHECK_TIMEOUT_MS),
    ]);
  }

  @Get('startup')
  @ApiOperation({ summary: 'Startup probe: config, migrations, queue and schedules are ready' })
  @ApiOkResponse({ type: StartupStateDto })
  @ApiServiceUnavailableResponse({ type: StartupStateDto, description: 'Still starting' })
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

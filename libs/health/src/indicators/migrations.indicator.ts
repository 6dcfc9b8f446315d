import { Injectable } from '@nestjs/common';
import { HealthIndicatorService } from '@nestjs/terminus';
import { MigrationStatusService } from '@app/database';
import { withTimeout } from '@app/common';

@Injectable()
export class MigrationsIndicator {
  constructor(
    private readonly migrations: MigrationStatusService,
    private readonly indicators: HealthIndicatorService,
  ) {}

  async check(timeoutMs: number) {
    const indicator = this.indicators.check('migrations');
    try {
      const state = await withTimeout(this.migrations.state(), timeoutMs, 'Migration status');
      if (state.upToDate) return indicator.up();
      return indicator.down({ message: 'schema is not up to date', pending: state.pending, modified: state.modified });
    } catch (error) {
      return indicator.down({ message: (error as Error).message });
    }
  }
}

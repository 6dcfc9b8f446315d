import { Injectable } from '@nestjs/common';
import { HealthIndicatorService } from '@nestjs/terminus';
import { PrismaService } from '@app/database';
import { withTimeout } from '@app/common';

@Injectable()
export class DatabaseIndicator {
  constructor(
    private readonly prisma: PrismaService,
    private readonly indicators: HealthIndicatorService,
  ) {}

  async check(timeoutMs: number) {
    const indicator = this.indicators.check('database');
    try {
      await withTimeout(this.prisma.$queryRawUnsafe('SELECT 1'), timeoutMs, 'PostgreSQL');
      return indicator.up();
    } catch (error) {
      return indicator.down({ message: (error as Error).message });
    }
  }
}

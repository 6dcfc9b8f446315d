import { Module } from '@nestjs/common';
import { DatabaseModule } from '@app/database';
import { BackupMetrics } from './backup-metrics.service';

/**
 * The backup series on /metrics, read from BackupRecord (PostgreSQL): a module of its own because the
 * backup CLI uses BackupModule without Prisma. Imported by the API and the worker.
 */
@Module({ imports: [DatabaseModule], providers: [BackupMetrics] })
export class BackupMetricsModule {}

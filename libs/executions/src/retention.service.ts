import { Injectable, Logger } from '@nestjs/common';
import { AppConfig } from '@app/config';
import { SqlPool } from '@app/database';

const BATCH = 1_000;

/** Deletes executions (and, by cascade, their steps) older than EXECUTION_RETENTION_DAYS, in batches. */
@Injectable()
export class RetentionService {
  private readonly logger = new Logger(RetentionService.name);

  constructor(private readonly config: AppConfig, private readonly sql: SqlPool) {}

  async prune(now = new Date()): Promise<number> {
    const cutoff = new Date(now.getTime() - this.config.execution.EXECUTION_RETENTION_DAYS * 86_400_000);
    let total = 0;
    for (;;) {
      // Small batches keep each transaction short, so pruning never blocks live writes for long.
      const { rowCount } = await this.sql.pool.query(
        `DELETE FROM "executions" WHERE id IN (SELECT id FROM "executions" WHERE "createdAt" < $1 AND "status" NOT IN ('QUEUED', 'RUNNING') LIMIT ${BATCH})`,
        [cutoff],
      );
      total += rowCount ?? 0;
      if ((rowCount ?? 0) < BATCH) break;
    }
    if (total) this.logger.log({ deleted: total, cutoff }, 'Pruned old executions');
    return total;
  }
}

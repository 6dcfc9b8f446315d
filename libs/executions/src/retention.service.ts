import { Injectable, Logger } from '@nestjs/common';
import { AppConfig } from '@app/config';
import { SqlPool } from '@app/database';

const BATCH = 1_000;

/** Deletes executions (and, by cascade, their steps) older than EXECUTION_RETENTION_DAYS, in batches. */
@Injectable()
export class RetentionService {
  private readonly logger = new Logger(RetentionService.name);

  constructor(
    private readonly config: AppConfig,
    private readonly sql: SqlPool,
  ) {}

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
    await this.pruneTestDrafts(cutoff);
    return total;
  }

  /** Hidden draft versions of editor test runs (version < 0) go once no execution runs or ran them. */
  private async pruneTestDrafts(cutoff: Date): Promise<void> {
    const { rowCount } = await this.sql.pool.query(
      `DELETE FROM "workflow_versions" v WHERE v."version" < 0 AND v."createdAt" < $1
         AND NOT EXISTS (SELECT 1 FROM "executions" e WHERE e."workflowVersionId" = v."id")`,
      [cutoff],
    );
    if (rowCount) this.logger.log({ deleted: rowCount, cutoff }, 'Pruned test-run drafts');
  }
}

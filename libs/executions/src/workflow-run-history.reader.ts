import { Injectable } from '@nestjs/common';
import { PrismaService } from '@app/database';
import { RecentRun, RunHistoryReader } from '@app/workflows';

interface RecentRunRow extends RecentRun {
  workflowId: string;
}

/**
 * The newest runs of a page of workflows in one statement: a LATERAL top-N per workflow, each a short
 * backward scan of executions_workflowId_createdAt_id_idx (never one query per workflow).
 */
@Injectable()
export class WorkflowRunHistoryReader implements RunHistoryReader {
  constructor(private readonly prisma: PrismaService) {}

  async recentRuns(workflowIds: string[], perWorkflow: number): Promise<Map<string, RecentRun[]>> {
    const rows = await this.prisma.$queryRaw<RecentRunRow[]>`
      SELECT r.* FROM unnest(${workflowIds}::uuid[]) AS w(id)
      CROSS JOIN LATERAL (
        SELECT e."id", e."workflowId", e."status"::text AS "status", e."trigger"::text AS "trigger",
               e."queuedAt", e."startedAt", e."finishedAt", e."durationMs"
        FROM "executions" e
        WHERE e."workflowId" = w.id AND e."trigger" <> 'TEST'
        ORDER BY e."createdAt" DESC, e."id" DESC
        LIMIT ${perWorkflow}
      ) r`;
    const byWorkflow = new Map<string, RecentRun[]>();
    for (const { workflowId, ...run } of rows) {
      const runs = byWorkflow.get(workflowId) ?? [];
      runs.push(run);
      byWorkflow.set(workflowId, runs);
    }
    return byWorkflow;
  }
}

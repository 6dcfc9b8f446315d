import { Injectable } from '@nestjs/common';
import { afterCursor, CURSOR_ORDER, toPage } from '@app/common';
import { PrismaService } from '@app/database';
import { ListWorkflowsQuery } from './dto/list-workflows.query';
import { RecentRun, RunHistoryPort } from './run-history/run-history-port';
import { toWorkflowResponse } from './workflow.mapper';

/** How many past runs each list row carries (the run-history strip). */
export const RECENT_RUNS_PER_WORKFLOW = 10;

/** GET /workflows (with each workflow's last run and run history) and GET /workflows/tags. */
@Injectable()
export class WorkflowListService {
  constructor(
    private readonly prisma: PrismaService,
    private readonly runHistory: RunHistoryPort,
  ) {}

  async list(userId: string, query: ListWorkflowsQuery) {
    const limit = query.limit ?? 20;
    const rows = await this.prisma.workflow.findMany({
      where: {
        userId,
        deletedAt: null,
        ...(query.search ? { name: { contains: query.search, mode: 'insensitive' as const } } : {}),
        ...(query.tag ? { tags: { has: query.tag } } : {}),
        ...(query.status ? { status: query.status } : {}),
        ...afterCursor(query.cursor),
      },
      orderBy: CURSOR_ORDER,
      take: limit + 1,
    });
    // One query for the runs of the whole page, never one per workflow.
    const runs = await this.runHistory.recentRuns(
      rows.slice(0, limit).map((w) => w.id),
      RECENT_RUNS_PER_WORKFLOW,
    );
    return toPage(rows, limit, (w) => {
      const recentRuns = (runs.get(w.id) ?? []).map(toRunSummary);
      return { ...toWorkflowResponse(w), lastExecution: recentRuns[0] ?? null, recentRuns };
    });
  }

  /** Every tag on the user's workflows, sorted (the list's tag filter offers them). */
  async tags(userId: string): Promise<{ items: string[] }> {
    const rows = await this.prisma.$queryRaw<{ tag: string }[]>`
      SELECT DISTINCT unnest("tags") AS tag FROM "workflows" WHERE "userId" = ${userId}::uuid AND "deletedAt" IS NULL ORDER BY tag`;
    return { items: rows.map((r) => r.tag) };
  }
}

function toRunSummary(run: RecentRun) {
  return {
    id: run.id,
    status: run.status,
    trigger: run.trigger,
    startedAt: run.startedAt ?? run.queuedAt,
    finishedAt: run.finishedAt,
    durationMs: run.durationMs,
  };
}

import { Injectable } from '@nestjs/common';
import { AppConfig } from '@app/config';
import { PrismaService, UserTier } from '@app/database';
import { RunPlan } from '@app/workflows';
import { ConcurrencyLimiter } from './concurrency-limiter.service';
import { ExecutionResult, ExecutionResultWaiter } from './execution-result.waiter';
import { ExecutionRow, isFinal } from './execution-row';
import { ExecutionRunService } from './execution-run.service';
import { ExecutionsService } from './executions.service';

export interface TriggerRequest {
  row: ExecutionRow;
  plan: RunPlan;
  tier: UserTier;
  /** The caller waits for the result (up to WEBHOOK_SYNC_TIMEOUT_MS) instead of getting the queued id. */
  sync: boolean;
}

/** The execution's result, or where it stood when the caller stopped waiting. */
export type TriggerAnswer =
  { executionId: string; result: ExecutionResult } | { executionId: string; result?: undefined; status: 'QUEUED' | 'RUNNING' };

/**
 * Starts executions for triggers that may wait for the result: takes a tier slot and runs inline,
 * or queues the run (over the limit, or a workflow that pauses) and waits for its final event.
 */
@Injectable()
export class ExecutionTriggerService {
  constructor(
    private readonly config: AppConfig,
    private readonly prisma: PrismaService,
    private readonly executions: ExecutionsService,
    private readonly runs: ExecutionRunService,
    private readonly limiter: ConcurrencyLimiter,
    private readonly waiter: ExecutionResultWaiter,
  ) {}

  async start({ row, plan, tier, sync }: TriggerRequest): Promise<TriggerAnswer> {
    if (!sync) {
      await this.executions.enqueueRow(row, tier);
      return { executionId: row.id, status: 'QUEUED' };
    }
    if (plan.hasDelay || plan.callsWorkflows || !(await this.limiter.acquire(row.userId, tier, row.id))) {
      await this.executions.enqueueRow(row, tier);
      return this.awaitResult(row.id, row.userId);
    }
    return this.runInline(row, plan, tier);
  }

  /**
   * Waits up to the sync timeout for the execution's result. whenMissing runs after each read that
   * finds no execution yet (an inline run records it only at its end); what it throws ends the wait.
   */
  async awaitResult(executionId: string, ownerId: string, whenMissing?: () => Promise<void>): Promise<TriggerAnswer> {
    const result = await this.waiter.wait(executionId, ownerId, { timeoutMs: this.config.execution.WEBHOOK_SYNC_TIMEOUT_MS, whenMissing });
    return result ? { executionId, result } : { executionId, status: 'RUNNING' };
  }

  async isRecorded(executionId: string): Promise<boolean> {
    return (await this.prisma.execution.count({ where: { id: executionId } }).catch(() => 0)) > 0;
  }

  /** The execution will never be recorded: requests waiting for it (awaitResult) look again now. */
  abandoned(executionId: string): void {
    this.waiter.abandoned(executionId);
  }

  private async runInline(row: ExecutionRow, plan: RunPlan, tier: UserTier): Promise<TriggerAnswer> {
    const run = this.runs.runInline(row, plan);
    // The tier slot is held until the run really ends, also when it outlives the sync answer.
    const released = run.finally(() => this.limiter.release(row.userId, tier, row.id));
    released.catch(() => undefined); // a failed run reaches the caller through `run`
    const outcome = await withDeadline(run, this.config.execution.WEBHOOK_SYNC_TIMEOUT_MS);
    if (outcome || isFinal(row.status)) {
      const result = outcome ?? (await run);
      await released;
      return { executionId: row.id, result };
    }
    // Still running: record it now, so the executionId in the 202 can be looked up (and cancelled).
    await this.runs.markRunning(row);
    return { executionId: row.id, status: 'RUNNING' };
  }
}

async function withDeadline<T>(promise: Promise<T>, ms: number): Promise<T | null> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<null>((resolve) => (timer = setTimeout(() => resolve(null), ms)));
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

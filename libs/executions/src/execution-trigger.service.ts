import { Injectable, OnModuleDestroy } from '@nestjs/common';
import { InjectMetric } from '@willsoto/nestjs-prometheus';
import { Counter } from 'prom-client';
import { settleWithin } from '@app/common';
import { AppConfig } from '@app/config';
import { ExecutionStatus, PrismaService, UserTier } from '@app/database';
import type { StepAfterHits } from '@app/throttling';
import { RunPlan } from '@app/workflows';
import { ConcurrencyLimiter } from './concurrency-limiter.service';
import { ExecutionResult, ExecutionResultWaiter } from './execution-result.waiter';
import { ExecutionRow, isFinal } from './execution-row';
import { ExecutionRunService } from './execution-run.service';
import { ExecutionsService } from './executions.service';
import { WEBHOOK_ASYNC_STARTS } from './executions.metrics';

export interface TriggerRequest {
  row: ExecutionRow;
  plan: RunPlan;
  tier: UserTier;
  /** The caller waits for the result (up to WEBHOOK_SYNC_TIMEOUT_MS) instead of getting the queued id. */
  sync: boolean;
}

/**
 * Runs the tier slot request `slot` (absent where none is asked for at once) in the caller's own Redis
 * script: the step's answer (1: the slot is ours), `refused` when the caller's own check refused (the
 * slot was not asked for), null when the script did not run (start() then asks itself).
 */
export type SlotAsker = (slot: StepAfterHits | undefined) => Promise<number | null | 'refused'>;

/** A SlotAsker's answer as a slot: unknown (undefined) when the script did not run. */
function slotOf(answer: number | null): boolean | undefined {
  return answer === null ? undefined : answer === 1;
}

/** The execution's result (sync), or where it stood when the answer went out (async, or a sync caller that stopped waiting). */
export type TriggerAnswer =
  { executionId: string; result: ExecutionResult } | { executionId: string; result?: undefined; status: ExecutionStatus };

/**
 * How long an eager run may hold its 202: past it the run is recorded QUEUED and the 202 goes out, so
 * an async caller never waits for long. A pure run usually ends in well under a millisecond.
 */
const EAGER_ANSWER_BUDGET_MS = 100;

/**
 * Starts executions for webhooks. Sync: takes a tier slot and runs inline, or queues the run (over the
 * limit, or a workflow that pauses) and waits for its final event. Async: queues the run, unless it can
 * start eagerly (see startAsync).
 */
@Injectable()
export class ExecutionTriggerService implements OnModuleDestroy {
  /** Eager runs under way, and places held while their tier slot is asked for. */
  private readonly eagerRuns = new Set<Promise<void>>();
  private eagerStarting = 0;

  constructor(
    private readonly config: AppConfig,
    private readonly prisma: PrismaService,
    private readonly executions: ExecutionsService,
    private readonly runs: ExecutionRunService,
    private readonly limiter: ConcurrencyLimiter,
    private readonly waiter: ExecutionResultWaiter,
    @InjectMetric(WEBHOOK_ASYNC_STARTS) private readonly asyncStarts: Counter<'start'>,
  ) {}

  async start({ row, plan, tier, sync }: TriggerRequest): Promise<TriggerAnswer> {
    return sync ? this.startSync(row, plan, tier) : this.startAsync(row, plan, tier);
  }

  /**
   * start(), with the tier slot (where start() asks for one at once) asked for by `ask`, in the caller's
   * own Redis script: a webhook's rate limit hit, which takes the slot only when the limit lets the call
   * through. `refused` when the caller's check refused: nothing was started.
   */
  async startAsking(request: TriggerRequest, ask: SlotAsker): Promise<TriggerAnswer | 'refused'> {
    const { row, plan, tier, sync } = request;
    if (!this.takesSlotAtStart(request)) return (await ask(undefined)) === 'refused' ? 'refused' : this.start(request);
    const step = this.limiter.acquireStep(row.userId, tier, row.id);
    if (sync) {
      const answer = await ask(step);
      return answer === 'refused' ? 'refused' : this.startSync(row, plan, tier, slotOf(answer));
    }
    this.eagerStarting++; // holds the eager place while the slot is asked for, as startAsync does
    const answer = await ask(step).finally(() => this.eagerStarting--);
    return answer === 'refused' ? 'refused' : this.startAsync(row, plan, tier, slotOf(answer));
  }

  /** Whether start() asks for a tier slot before anything else: a sync run that can run inline, an async one that can start eagerly. */
  private takesSlotAtStart({ plan, sync }: Pick<TriggerRequest, 'plan' | 'sync'>): boolean {
    return sync ? !plan.hasDelay && !plan.callsWorkflows : this.canStartEagerly(plan);
  }

  /**
   * Waits up to the sync timeout for the execution's result. whenMissing runs after each read that
   * finds no execution yet (an inline run records it only at its end); what it throws ends the wait.
   */
  async awaitResult(executionId: string, ownerId: string, whenMissing?: () => Promise<void>): Promise<TriggerAnswer> {
    const result = await this.waiter.wait(executionId, ownerId, { timeoutMs: this.config.execution.WEBHOOK_SYNC_TIMEOUT_MS, whenMissing });
    return result ? { executionId, result } : { executionId, status: 'RUNNING' };
  }

  /** Where a recorded execution stands; null while it is not recorded (yet, or ever). */
  async statusOf(executionId: string): Promise<ExecutionStatus | null> {
    const row = await this.prisma.execution.findUnique({ where: { id: executionId }, select: { status: true } });
    return row?.status ?? null;
  }

  async isRecorded(executionId: string): Promise<boolean> {
    return (await this.statusOf(executionId).catch(() => null)) !== null;
  }

  /** The execution will never be recorded: requests waiting for it (awaitResult) look again now. */
  abandoned(executionId: string): void {
    this.waiter.abandoned(executionId);
  }

  /** Shutdown: eager runs that outlived their 202 finish their write before the pools close. */
  async onModuleDestroy(): Promise<void> {
    await Promise.allSettled([...this.eagerRuns]);
  }

  /**
   * Takes a tier slot and runs inline, or queues the run (over the limit, or a workflow that pauses) and
   * waits for its final event. `slot`: the slot when already asked for (startAsking), true when ours.
   */
  private async startSync(row: ExecutionRow, plan: RunPlan, tier: UserTier, slot?: boolean): Promise<TriggerAnswer> {
    if (!this.takesSlotAtStart({ plan, sync: true }) || !(slot ?? (await this.limiter.acquire(row.userId, tier, row.id)))) {
      await this.executions.enqueueRow(row, tier);
      return this.awaitResult(row.id, row.userId);
    }
    return this.runInline(row, plan, tier);
  }

  /**
   * Eager start (the idea of Temporal's eager workflow start): a run of pure nodes costs less than
   * its queue job would, so with a tier slot and below WEBHOOK_ASYNC_EAGER_CONCURRENCY it runs here at
   * once, and its 202 goes out once it is committed, with its final status. A run that outlives
   * EAGER_ANSWER_BUDGET_MS is recorded QUEUED before the 202: if this process dies before its end, the
   * reconciler queues it again (running it again changes nothing outside it, as its nodes are pure).
   * `slot`: as for startSync; without it an eager start asks for one itself.
   */
  private async startAsync(row: ExecutionRow, plan: RunPlan, tier: UserTier, slot?: boolean): Promise<TriggerAnswer> {
    if (slot) return this.runEagerly(row, plan, tier);
    if (slot === undefined && this.canStartEagerly(plan)) {
      this.eagerStarting++;
      // Redis unreachable: the queue path below answers for it (503, the execution recorded FAILED).
      const acquired = await this.limiter
        .acquire(row.userId, tier, row.id)
        .catch(() => false)
        .finally(() => this.eagerStarting--);
      if (acquired) return this.runEagerly(row, plan, tier);
    }
    await this.executions.enqueueRow(row, tier);
    this.asyncStarts.inc({ start: 'queued' });
    return { executionId: row.id, status: 'QUEUED' };
  }

  private canStartEagerly(plan: RunPlan): boolean {
    return (
      plan.pure &&
      !plan.hasDelay &&
      !plan.callsWorkflows &&
      this.eagerRuns.size + this.eagerStarting < this.config.execution.WEBHOOK_ASYNC_EAGER_CONCURRENCY
    );
  }

  private async runEagerly(row: ExecutionRow, plan: RunPlan, tier: UserTier): Promise<TriggerAnswer> {
    const result = await this.runHere(row, plan, tier, {
      answerWithinMs: EAGER_ANSWER_BUDGET_MS,
      unfinished: 'QUEUED',
      track: this.eagerRuns,
    });
    this.asyncStarts.inc({ start: result ? 'eager' : 'eager_background' });
    return { executionId: row.id, status: result ? row.status : 'QUEUED' };
  }

  private async runInline(row: ExecutionRow, plan: RunPlan, tier: UserTier): Promise<TriggerAnswer> {
    const answerWithinMs = this.config.execution.WEBHOOK_SYNC_TIMEOUT_MS;
    // Still running then: recorded RUNNING, so the executionId in the 202 can be looked up (and cancelled).
    const result = await this.runHere(row, plan, tier, { answerWithinMs, unfinished: 'RUNNING' });
    return result ? { executionId: row.id, result } : { executionId: row.id, status: 'RUNNING' };
  }

  /**
   * Runs in this process; the tier slot (taken by the caller) is held until the run really ends, also
   * when it outlives its answer. The result, or null when the run outlives answerWithinMs: it is then
   * recorded as `unfinished` and goes on. `track` holds it until it ends (for the shutdown to wait).
   */
  private async runHere(
    row: ExecutionRow,
    plan: RunPlan,
    tier: UserTier,
    { answerWithinMs, unfinished, track }: { answerWithinMs: number; unfinished: 'QUEUED' | 'RUNNING'; track?: Set<Promise<void>> },
  ): Promise<ExecutionResult | null> {
    const run = this.runs.runInline(row, plan);
    const released = run.finally(() => this.limiter.release(row.userId, tier, row.id));
    // Settles either way: a failed run reaches the caller through `run`.
    const ended: Promise<void> = released.then(
      () => void track?.delete(ended),
      () => void track?.delete(ended),
    );
    track?.add(ended);
    const outcome = await settleWithin(run, answerWithinMs, () => null);
    if (outcome || isFinal(row.status)) {
      const result = outcome ?? (await run);
      await released;
      return result;
    }
    await this.runs.recordUnfinished(row, unfinished);
    return null;
  }
}

import { Injectable } from '@nestjs/common';
import { AppConfig } from '@app/config';
import { RunDefaults, RunLink, RunOutcome, RunPlan, StepRecord, TriggerData, WorkflowRunner } from '@app/workflows';
import { CancellationService } from './cancellation.service';
import { ExecutionEvents } from './execution-events';
import { ExecutionRow, isFinal } from './execution-row';
import { ExecutionWriter } from './execution-writer.service';

/** Runs one execution's nodes and persists what happened, for the worker and for inline sync webhooks. */
@Injectable()
export class ExecutionRunService {
  readonly defaults: RunDefaults;
  /** Inline runs recorded before their end because they outlived the answer (see recordUnfinished). */
  private readonly placeholders = new Map<string, Promise<void>>();

  constructor(
    private readonly config: AppConfig,
    private readonly runner: WorkflowRunner,
    private readonly writer: ExecutionWriter,
    private readonly cancellation: CancellationService,
    private readonly events: ExecutionEvents,
  ) {
    const e = config.execution;
    this.defaults = { retries: e.NODE_MAX_RETRIES, backoffMs: e.NODE_RETRY_BACKOFF_MS, timeoutMs: e.NODE_TIMEOUT_MS };
  }

  /**
   * Synchronous webhooks: run in this process without a queue round trip, then write the execution
   * and all its steps in one grouped commit before answering.
   */
  async runInline(row: ExecutionRow, plan: RunPlan): Promise<RunOutcome> {
    row.startedAt = new Date();
    const outcome = await this.runner.run(plan, {
      trigger: row.input as TriggerData,
      deadline: Date.now() + this.config.execution.EXECUTION_TIMEOUT_MS,
      defaults: this.defaults,
      owner: { userId: row.userId, workflowId: row.workflowId, executionId: row.id },
    });
    this.finish(row, outcome);
    const placeholder = this.placeholders.get(row.id);
    this.placeholders.delete(row.id);
    await placeholder?.catch(() => undefined);
    // A row marked RUNNING meanwhile is updated (a cancel that won stays cancelled); otherwise inserted.
    await this.writer.write({
      insert: [row],
      update: placeholder ? [row] : [],
      steps: outcome.steps.map((s) => ({ ...s, executionId: row.id })),
    });
    this.announce(row);
    return outcome;
  }

  /**
   * An inline run that outlives its answer is recorded before the 202 goes out (RUNNING for a sync
   * webhook, QUEUED for an eager async one, which the reconciler queues again if this process dies);
   * its final write waits for this one. Synchronous up to the write, so runInline sees it or it sees
   * a finished row (then the caller awaits the run instead).
   */
  recordUnfinished(row: ExecutionRow, status: 'QUEUED' | 'RUNNING'): Promise<void> {
    if (isFinal(row.status)) return Promise.resolve();
    // A queued row has not started as far as anyone reading it can tell.
    const write = this.writer.write({ insert: [{ ...row, status, startedAt: status === 'QUEUED' ? null : row.startedAt }] });
    this.placeholders.set(row.id, write);
    return write;
  }

  /**
   * Queued executions. Progress is made durable before every node that does I/O (and at the end), so a
   * worker that dies loses at most the steps of pure nodes since then, which the redelivered job redoes.
   */
  async runPersisted(row: ExecutionRow, plan: RunPlan, previous: StepRecord[], link?: RunLink): Promise<RunOutcome> {
    if (row.status === 'QUEUED') {
      row.status = 'RUNNING';
      row.startedAt = new Date();
    }
    let unsaved: (StepRecord & { executionId: string })[] = [];
    let rowUnsaved = true;
    const save = async (final = false) => {
      if (!unsaved.length && !rowUnsaved && !final) return;
      const steps = unsaved;
      unsaved = [];
      rowUnsaved = false;
      await this.writer.write({ update: [row], steps });
    };
    // Steps a retry reused ran in another execution: they took none of this one's time.
    const activeMs = previous.reduce((sum, s) => sum + (s.reusedFromExecutionId ? 0 : (s.durationMs ?? 0)), 0);
    const outcome = await this.runner.run(plan, {
      trigger: row.input as TriggerData,
      previous,
      deadline: Date.now() + this.config.execution.EXECUTION_TIMEOUT_MS - activeMs,
      defaults: this.defaults,
      owner: { userId: row.userId, workflowId: row.workflowId, executionId: row.id },
      link,
      isCancelled: () => this.cancellation.isRequested(row.id),
      beforeIo: () => save(),
      onStep: async (step) => void unsaved.push({ ...step, executionId: row.id }),
    });
    if (outcome.status !== 'DELAYED') this.finish(row, outcome);
    await save(true);
    if (outcome.status !== 'DELAYED') this.announce(row);
    return outcome;
  }

  private announce(row: ExecutionRow): void {
    this.events.finished({
      executionId: row.id,
      workflowId: row.workflowId,
      userId: row.userId,
      status: row.status,
      trigger: row.trigger,
      durationMs: row.durationMs,
      error: row.error,
    });
  }

  private finish(row: ExecutionRow, outcome: RunOutcome): void {
    row.status = outcome.status === 'DELAYED' ? 'RUNNING' : outcome.status;
    row.output = outcome.output ?? null;
    row.error = outcome.error;
    row.finishedAt = new Date();
    row.durationMs = row.finishedAt.getTime() - (row.startedAt ?? row.queuedAt).getTime();
  }
}

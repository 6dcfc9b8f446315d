import { Injectable } from '@nestjs/common';
import { AppConfig } from '@app/config';
import { ExecutionStatus, PrismaService } from '@app/database';
import { RunOutcome, WebhookResponse } from '@app/workflows';
import { ExecutionEvents } from './execution-events';
import { isFinal } from './execution-row';
import { ExecutionUpdate } from './execution-update';
import { ExecutionUpdatesPublisher } from './execution-updates.publisher';
import { ExecutionUpdatesSubscriber } from './execution-updates.subscriber';

/** What a finished execution answers a synchronous caller with (the shape an inline run produces too). */
export type ExecutionResult = Pick<RunOutcome, 'status' | 'output' | 'error' | 'respond'>;

export interface WaitOptions {
  timeoutMs: number;
  /** Called after each read that finds no execution yet; what it throws ends the wait. */
  whenMissing?: () => Promise<void>;
}

type FinalStatus = Exclude<ExecutionStatus, 'QUEUED' | 'RUNNING'>;
const isFinalStatus = (status: ExecutionStatus): status is FinalStatus => isFinal(status);

/**
 * Waits for an execution run anywhere (this process, another API replica, a worker process) to
 * finish. Subscribed before the first read, so a run that ends in between is not missed; after that
 * the execution is read again only when an event says it is final (or changed outside the group
 * commit, or the subscription came back after an outage) — never on a timer.
 */
@Injectable()
export class ExecutionResultWaiter {
  /** Waits in this process by execution id: the in-process event arrives before the Redis message. */
  private readonly local = new Map<string, Set<() => void>>();

  constructor(
    private readonly config: AppConfig,
    private readonly prisma: PrismaService,
    private readonly subscriber: ExecutionUpdatesSubscriber,
    private readonly publisher: ExecutionUpdatesPublisher,
    events: ExecutionEvents,
  ) {
    events.onFinished((event) => this.local.get(event.executionId)?.forEach((wake) => wake()));
  }

  /** The result once the execution is final, or null when timeoutMs passes first. */
  async wait(executionId: string, ownerId: string, { timeoutMs, whenMissing }: WaitOptions): Promise<ExecutionResult | null> {
    const deadline = Date.now() + timeoutMs;
    const wakeup = new Wakeup();
    const wake = () => wakeup.wake();
    const onUpdate = (update: ExecutionUpdate) => (update.changed || (update.row && isFinal(update.row.status))) && wake();
    const subscribeTimeoutMs = Math.min(this.config.redis.REDIS_COMMAND_TIMEOUT_MS, timeoutMs);
    const unwatch = await this.subscriber.watch(executionId, ownerId, { onUpdate, onResync: wake }, subscribeTimeoutMs);
    const local = this.local.get(executionId) ?? this.local.set(executionId, new Set()).get(executionId)!;
    local.add(wake);
    try {
      for (;;) {
        const result = await this.read(executionId, whenMissing);
        if (result) return result;
        if (!(await wakeup.next(deadline - Date.now()))) return null;
      }
    } finally {
      unwatch();
      local.delete(wake);
      if (!local.size && this.local.get(executionId) === local) this.local.delete(executionId);
    }
  }

  /** The execution will never be recorded (its request failed first): those waiting for it look again. */
  abandoned(executionId: string): void {
    this.local.get(executionId)?.forEach((wake) => wake());
    this.publisher.changed(executionId);
  }

  private async read(executionId: string, whenMissing?: () => Promise<void>): Promise<ExecutionResult | null> {
    const execution = await this.prisma.execution.findUnique({
      where: { id: executionId },
      include: { steps: { where: { nodeType: 'flow.respond', status: 'SUCCEEDED' } } },
    });
    if (!execution) {
      await whenMissing?.();
      return null;
    }
    const { status, output, error } = execution;
    if (!isFinalStatus(status)) return null;
    return { status, output, error, respond: webhookResponse(execution.steps[0]?.output) };
  }
}

/** flow.respond's output is the answer it set (toReply sanitizes it before it goes out). */
function webhookResponse(output: unknown): WebhookResponse | undefined {
  return typeof output === 'object' && output !== null && 'status' in output ? (output as WebhookResponse) : undefined;
}

/** A wake-up latch: one that arrives while nobody waits is kept for the next wait. */
class Wakeup {
  private pending = false;
  private resolve?: () => void;

  wake(): void {
    if (this.resolve) this.resolve();
    else this.pending = true;
  }

  /** True when woken, false when ms passed first. */
  next(ms: number): Promise<boolean> {
    if (this.pending) {
      this.pending = false;
      return Promise.resolve(true);
    }
    if (ms <= 0) return Promise.resolve(false);
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.resolve = undefined;
        resolve(false);
      }, ms);
      this.resolve = () => {
        this.resolve = undefined;
        clearTimeout(timer);
        resolve(true);
      };
    });
  }
}

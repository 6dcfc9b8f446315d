import { Injectable, Logger } from '@nestjs/common';
import { RedisService } from '@app/redis';
import { StepRecord } from '@app/workflows';
import { ExecutionRow } from './execution-row';
import { ExecutionUpdate, executionUpdatesChannel, UserExecutionUpdate, userExecutionUpdatesChannel } from './execution-update';

/** Past this an update is announced as `changed` and the few live viewers read the execution instead. */
const MAX_MESSAGE_BYTES = 256 * 1024;

/**
 * Publishes committed execution changes on Redis pub/sub, so live streams in any API process follow
 * runs made by any worker without polling. Fire and forget: a Redis outage never fails a write (the
 * streams read the execution again when their subscription comes back).
 */
@Injectable()
export class ExecutionUpdatesPublisher {
  private readonly logger = new Logger(ExecutionUpdatesPublisher.name);

  constructor(private readonly redis: RedisService) {}

  /** Rows (only those the write really changed) and steps of one group commit. */
  committed(rows: ExecutionRow[], steps: (StepRecord & { executionId: string })[]): void {
    const updates = new Map<string, ExecutionUpdate>();
    const of = (id: string) => updates.get(id) ?? updates.set(id, {}).get(id)!;
    for (const r of rows)
      of(r.id).row = {
        id: r.id,
        status: r.status,
        output: r.output,
        error: r.error,
        startedAt: r.startedAt,
        finishedAt: r.finishedAt,
        durationMs: r.durationMs,
      };
    for (const { executionId, ...step } of steps) (of(executionId).steps ??= []).push(step);
    for (const [id, update] of updates) this.send(id, update);
    for (const r of rows) {
      const { id, workflowId, status, trigger, error, queuedAt, startedAt, finishedAt, durationMs } = r;
      this.sendToOwner(r.userId, { execution: { id, workflowId, status, trigger, error, queuedAt, startedAt, finishedAt, durationMs } });
    }
  }

  /** A change made outside the group commit (cancel, give-up, reconciler): viewers read it again. */
  changed(executionId: string, userId?: string): void {
    this.send(executionId, { changed: true });
    if (userId) this.sendToOwner(userId, { changed: executionId });
  }

  private send(executionId: string, update: ExecutionUpdate): void {
    let message = JSON.stringify(update);
    if (Buffer.byteLength(message) > MAX_MESSAGE_BYTES) message = JSON.stringify({ changed: true });
    this.publish(executionUpdatesChannel(this.redis.keyPrefix, executionId), message, executionId);
  }

  /** The owner's stream of all their executions (GET /executions/events). */
  private sendToOwner(userId: string, update: UserExecutionUpdate): void {
    if (update.execution?.error && update.execution.error.length > 1_000)
      update.execution.error = `${update.execution.error.slice(0, 1_000)}…`;
    this.publish(userExecutionUpdatesChannel(this.redis.keyPrefix, userId), JSON.stringify(update), update.execution?.id ?? update.changed);
  }

  private publish(channel: string, message: string, executionId?: string): void {
    // The request client auto-pipelines: the publishes of one flush leave in one write.
    this.redis.client.publish(channel, message).catch((error: Error) => {
      this.logger.debug({ executionId, err: error.message }, 'Could not publish an execution update');
    });
  }
}

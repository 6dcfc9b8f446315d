import { Injectable, Logger } from '@nestjs/common';
import { RedisService } from '@app/redis';
import { StepRecord } from '@app/workflows';
import { ExecutionRow } from './execution-row';
import {
  ExecutionSummary,
  ExecutionUpdate,
  executionUpdatesChannel,
  UserExecutionUpdate,
  userExecutionUpdatesChannel,
} from './execution-update';

/** Past this an update is announced as `changed` and the few live viewers read the execution instead. */
const MAX_MESSAGE_BYTES = 256 * 1024;

/**
 * Publishes committed execution changes on Redis pub/sub, so live streams in any API process follow
 * runs made by any worker without polling. Fire and forget: a Redis outage never fails a write (the
 * streams read the execution again when their subscription comes back).
 *
 * Each change goes first to the owner's channel as a summary (one message per owner and commit); the
 * execution's own channel (its row and steps, the large message) gets it only when that summary reached
 * a subscriber. Whoever watches one execution also follows its owner's channel
 * (ExecutionUpdatesSubscriber.watch), so executions nobody watches, most of them, share one small PUBLISH
 * per commit and serialize no steps.
 */
@Injectable()
export class ExecutionUpdatesPublisher {
  private readonly logger = new Logger(ExecutionUpdatesPublisher.name);
  private tail: Promise<unknown> = Promise.resolve();

  constructor(private readonly redis: RedisService) {}

  /** Rows (only those the write really changed) and steps of one group commit. */
  committed(rows: ExecutionRow[], steps: (StepRecord & { executionId: string })[]): void {
    // The rows as committed (a worker's row object changes again before its next write).
    const rowUpdates = new Map(rows.map((r) => [r.id, rowUpdateOf(r)]));
    // One message per owner and commit (not per execution): a flush of many runs of one user costs one PUBLISH.
    const byOwner = new Map<string, ExecutionRow[]>();
    for (const r of rows) (byOwner.get(r.userId) ?? byOwner.set(r.userId, []).get(r.userId)!).push(r);
    const owners = [...byOwner];
    const heard = owners.map(([userId, owned]) => this.sendToOwner(userId, { executions: owned.map(summaryOf) }));
    this.inOrder(heard, (wasHeard) => {
      const watched = new Set<string>();
      owners.forEach(([, owned], i) => wasHeard[i] && owned.forEach((r) => watched.add(r.id)));
      // Steps whose execution row did not change here: the owner is not known, so always announced.
      const stepsOnly = steps.some((s) => !rowUpdates.has(s.executionId));
      if (!watched.size && !stepsOnly) return; // most commits: nobody watches, no step is copied
      const updates = new Map<string, ExecutionUpdate>();
      const of = (id: string) => updates.get(id) ?? updates.set(id, {}).get(id)!;
      for (const id of watched) of(id).row = rowUpdates.get(id);
      for (const { executionId, ...step } of steps)
        if (watched.has(executionId) || !rowUpdates.has(executionId)) (of(executionId).steps ??= []).push(step);
      for (const [id, update] of updates) this.send(id, update);
    });
  }

  /** A change made outside the group commit (cancel, give-up, reconciler): viewers read it again. */
  changed(executionId: string, userId?: string): void {
    const heard = userId ? [this.sendToOwner(userId, { changed: executionId })] : [];
    this.inOrder(heard, (wasHeard) => (!userId || wasHeard[0]) && this.send(executionId, { changed: true }));
  }

  /**
   * Runs `then` once the owners' publishes answered and after every earlier call's `then`, so an
   * execution's own messages leave in commit order (steps-only ones never overtake a row's that waits).
   */
  private inOrder(heard: Promise<boolean>[], then: (wasHeard: boolean[]) => void): void {
    this.tail = Promise.all([this.tail, ...heard])
      .then(([, ...wasHeard]) => then(wasHeard as boolean[]))
      .catch((error: Error) => this.logger.warn({ err: error.message }, 'Could not announce an execution update'));
  }

  private send(executionId: string, update: ExecutionUpdate): void {
    let message = JSON.stringify(update);
    if (Buffer.byteLength(message) > MAX_MESSAGE_BYTES) message = JSON.stringify({ changed: true });
    void this.publish(executionUpdatesChannel(this.redis.keyPrefix, executionId), message, executionId);
  }

  /** The owner's stream of all their executions (GET /executions/events); true when it reached a subscriber. */
  private sendToOwner(userId: string, update: UserExecutionUpdate): Promise<boolean> {
    const channel = userExecutionUpdatesChannel(this.redis.keyPrefix, userId);
    return this.publish(channel, JSON.stringify(update), update.executions?.[0]?.id ?? update.changed).then((receivers) => receivers > 0);
  }

  /** Resolves to the number of subscribers reached (0 when Redis could not be reached). */
  private publish(channel: string, message: string, executionId?: string): Promise<number> {
    // The request client auto-pipelines: the publishes of one flush leave in one write.
    return this.redis.client.publish(channel, message).catch((error: Error) => {
      this.logger.debug({ executionId, err: error.message }, 'Could not publish an execution update');
      return 0;
    });
  }
}

function rowUpdateOf(r: ExecutionRow): ExecutionUpdate['row'] {
  const { id, status, output, error, startedAt, finishedAt, durationMs } = r;
  return { id, status, output, error, startedAt, finishedAt, durationMs };
}

/** What the owner's list shows; a long error is cut (the execution itself keeps it whole). */
function summaryOf(r: ExecutionRow): ExecutionSummary {
  const { id, workflowId, status, trigger, queuedAt, startedAt, finishedAt, durationMs } = r;
  const error = r.error && r.error.length > 1_000 ? `${r.error.slice(0, 1_000)}…` : r.error;
  return { id, workflowId, status, trigger, error, queuedAt, startedAt, finishedAt, durationMs };
}

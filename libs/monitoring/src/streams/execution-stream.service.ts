import { Injectable, Logger, NotFoundException } from '@nestjs/common';
import { EventStream } from '@app/common';
import { AppConfig } from '@app/config';
import { ExecutionsService, ExecutionUpdate, ExecutionUpdatesSubscriber, isFinal, isStatusRegression } from '@app/executions';
import { LiveStreams } from '@app/metrics';

/** After the execution's own time limit (plus slack) the stream ends; a client may reconnect. */
const SLACK_MS = 60_000;

type ExecutionView = Awaited<ReturnType<ExecutionsService['get']>>;
type StepView = NonNullable<ExecutionView['steps']>[number];

/** Dates as ISO strings, as they arrive in published updates, so views and updates compare alike. */
/** The view read from the database with its Dates as the JSON strings the Redis updates carry, so they compare. */
const plain = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;

/**
 * Live updates of one execution as server-sent events: `status` whenever the status changes, `step`
 * whenever a step appears or changes, then `done` with the final execution, and the stream ends.
 * Driven by the execution's updates on Redis pub/sub (published by whichever process commits them, so
 * workers in other processes are followed too); the execution is read once when the stream opens, and
 * again only when an update says so or the subscription was re-established after an outage.
 * Open streams feed websocket_connections_active.
 */
@Injectable()
export class ExecutionStreamService {
  private readonly logger = new Logger(ExecutionStreamService.name);

  constructor(
    private readonly executions: ExecutionsService,
    private readonly updates: ExecutionUpdatesSubscriber,
    private readonly config: AppConfig,
    private readonly streams: LiveStreams,
  ) {}

  /** @throws NotFoundException (before anything is sent) unless the user owns the execution. */
  async openStream(userId: string, executionId: string): Promise<EventStream> {
    // Subscribed before the first read, so nothing committed in between is missed; updates that
    // arrive before the read completes wait for it.
    let view: ExecutionView | null = null;
    const early: ExecutionUpdate[] = [];
    let watcher = { onUpdate: (update: ExecutionUpdate) => void early.push(update), onResync: () => void early.push({ changed: true }) };
    const unwatch = await this.updates.watch(
      executionId,
      userId,
      { onUpdate: (u) => watcher.onUpdate(u), onResync: () => watcher.onResync() },
      this.config.redis.REDIS_COMMAND_TIMEOUT_MS,
    );
    try {
      view = plain(await this.executions.get(userId, executionId));
    } catch (error) {
      unwatch();
      throw error;
    }

    const stream = this.streams.open();
    stream.onClose(unwatch);
    const send = (event: string, data: unknown) => stream.send(event, data);

    let sent: ExecutionView | null = null;
    const deliver = () => {
      if (stream.isClosed || !view) return;
      this.diff(sent, view, send);
      sent = view; // views are replaced, never changed in place
      if (isFinal(view.status)) {
        send('done', view);
        stream.close();
      }
    };
    let reading = false;
    let readAgain = false;
    const reread = async (): Promise<void> => {
      if (stream.isClosed) return;
      if (reading) return void (readAgain = true); // the read in flight may predate this change
      reading = true;
      try {
        view = plain(await this.executions.get(userId, executionId));
        deliver();
      } catch (err) {
        if (err instanceof NotFoundException) {
          send('error', { message: 'Execution no longer exists' });
          return stream.close();
        }
        this.logger.warn({ executionId, err: (err as Error).message }, 'execution stream: read failed');
      } finally {
        reading = false;
      }
      if (readAgain) {
        readAgain = false;
        await reread();
      }
    };
    const apply = (update: ExecutionUpdate) => {
      if (stream.isClosed || !view) return;
      if (update.changed) return void reread();
      let next: ExecutionView = view;
      if (update.row && !isStatusRegression(next.status, update.row.status))
        next = { ...next, ...(update.row as unknown as Partial<ExecutionView>) };
      for (const step of (update.steps ?? []) as unknown as StepView[]) {
        const others = (next.steps ?? []).filter((s) => s.nodeId !== step.nodeId);
        next = { ...next, steps: [...others, step].sort((a, b) => a.sequence - b.sequence) };
      }
      view = next;
      deliver();
    };
    watcher = { onUpdate: apply, onResync: () => void reread() };

    stream.after(this.config.execution.EXECUTION_TIMEOUT_MS + SLACK_MS, () => {
      send('timeout', { message: 'Stream time limit reached; reconnect to keep following' });
      stream.close();
    });
    deliver();
    for (const update of early) apply(update);
    return stream;
  }

  /** Causal order: a final status comes after every step event of the run (they often arrive in one update). */
  private diff(before: ExecutionView | null, after: ExecutionView, send: (event: string, data: unknown) => void): void {
    const statusChanged = !before || before.status !== after.status;
    const status = () =>
      send('status', {
        id: after.id,
        status: after.status,
        startedAt: after.startedAt,
        finishedAt: after.finishedAt,
        durationMs: after.durationMs,
        error: after.error,
      });
    if (statusChanged && !isFinal(after.status)) status();
    const seen = new Map((before?.steps ?? []).map((step) => [step.nodeId, stepKey(step)]));
    for (const step of after.steps ?? []) if (seen.get(step.nodeId) !== stepKey(step)) send('step', step);
    if (statusChanged && isFinal(after.status)) status();
  }
}

const stepKey = (step: StepView) => `${step.status}:${step.attempt}:${step.sequence}:${String(step.finishedAt)}`;

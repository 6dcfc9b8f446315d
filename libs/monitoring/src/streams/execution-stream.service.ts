import { BeforeApplicationShutdown, Injectable, Logger, NotFoundException } from '@nestjs/common';
import { InjectMetric } from '@willsoto/nestjs-prometheus';
import { Gauge } from 'prom-client';
import { PassThrough } from 'node:stream';
import { AppConfig } from '@app/config';
import { ExecutionsService, isFinal } from '@app/executions';
import { METRIC } from '@app/metrics';

export const POLL_MS = 200;
const HEARTBEAT_MS = 15_000;
/** After the execution's own time limit (plus slack) the stream ends; a client may reconnect. */
const SLACK_MS = 60_000;

type ExecutionView = Awaited<ReturnType<ExecutionsService['get']>>;
type StepView = NonNullable<ExecutionView['steps']>[number];

export interface ExecutionStream {
  body: PassThrough;
  close(): void;
}

/**
 * Live updates of one execution as server-sent events: `status` whenever the status changes, `step`
 * whenever a step appears or changes, then `done` with the final execution, and the stream ends. It
 * reads the execution every POLL_MS (one indexed query with its steps): the worker may be another
 * process, and the row is the single source of truth, so polling is simple and never misses the end.
 * Open streams feed websocket_connections_active.
 */
@Injectable()
export class ExecutionStreamService implements BeforeApplicationShutdown {
  private readonly logger = new Logger(ExecutionStreamService.name);
  private readonly open = new Set<ExecutionStream>();

  constructor(
    private readonly executions: ExecutionsService,
    private readonly config: AppConfig,
    @InjectMetric(METRIC.liveConnections) private readonly connections: Gauge,
  ) {}

  /** @throws NotFoundException (before anything is sent) unless the user owns the execution. */
  async openStream(userId: string, executionId: string): Promise<ExecutionStream> {
    const first = await this.executions.get(userId, executionId);
    const body = new PassThrough();
    const timers: NodeJS.Timeout[] = [];
    let closed = false;
    const stream: ExecutionStream = {
      body,
      close: () => {
        if (closed) return;
        closed = true;
        timers.forEach(clearTimeout);
        this.open.delete(stream);
        this.connections.dec();
        body.end();
      },
    };
    this.open.add(stream);
    this.connections.inc();
    const send = (event: string, data: unknown) => !closed && body.write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
    body.write('retry: 1000\n\n');

    let last: ExecutionView | null = null;
    const deliver = (current: ExecutionView) => {
      this.diff(last, current, send);
      last = current;
      if (isFinal(current.status)) {
        send('done', current);
        stream.close();
      }
    };
    const poll = async () => {
      try {
        deliver(await this.executions.get(userId, executionId));
      } catch (err) {
        if (err instanceof NotFoundException) {
          send('error', { message: 'Execution no longer exists' });
          return stream.close();
        }
        this.logger.warn({ executionId, err: (err as Error).message }, 'execution stream: read failed; retrying');
      }
      if (!closed) timers[0] = setTimeout(() => void poll(), POLL_MS);
    };
    const heartbeat = () => {
      if (closed) return;
      body.write(': keep-alive\n\n');
      timers[1] = setTimeout(heartbeat, HEARTBEAT_MS);
    };
    timers[1] = setTimeout(heartbeat, HEARTBEAT_MS);
    timers[2] = setTimeout(() => {
      send('timeout', { message: 'Stream time limit reached; reconnect to keep following' });
      stream.close();
    }, this.config.execution.EXECUTION_TIMEOUT_MS + SLACK_MS);
    deliver(first);
    if (!closed) timers[0] = setTimeout(() => void poll(), POLL_MS);
    return stream;
  }

  beforeApplicationShutdown(): void {
    for (const stream of [...this.open]) stream.close();
  }

  private diff(before: ExecutionView | null, after: ExecutionView, send: (event: string, data: unknown) => void): void {
    if (!before || before.status !== after.status)
      send('status', { id: after.id, status: after.status, startedAt: after.startedAt, finishedAt: after.finishedAt, durationMs: after.durationMs, error: after.error });
    const seen = new Map((before?.steps ?? []).map((step) => [step.nodeId, stepKey(step)]));
    for (const step of after.steps ?? []) if (seen.get(step.nodeId) !== stepKey(step)) send('step', step);
  }
}

const stepKey = (step: StepView) => `${step.status}:${step.attempt}:${step.sequence}:${String(step.finishedAt)}`;

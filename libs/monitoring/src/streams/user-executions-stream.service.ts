import { BeforeApplicationShutdown, Injectable, Logger } from '@nestjs/common';
import { InjectMetric } from '@willsoto/nestjs-prometheus';
import { Gauge } from 'prom-client';
import { PassThrough } from 'node:stream';
import { AppConfig } from '@app/config';
import { PrismaService } from '@app/database';
import { ExecutionSummary, ExecutionUpdatesSubscriber, isFinal, UserExecutionUpdate } from '@app/executions';
import { METRIC } from '@app/metrics';
import { ExecutionStream } from './execution-stream.service';

const HEARTBEAT_MS = 15_000;

/**
 * All of one user's executions as server-sent events, for live execution lists: `created` (first seen
 * queued), `status` (any other change), `finished` (a final status), each with the execution's summary;
 * `resync` after a Redis outage (updates may have been missed: reload the list). Fed by the owner's
 * Redis channel, so nobody else's executions can appear. Open until the client goes away.
 */
@Injectable()
export class UserExecutionsStreamService implements BeforeApplicationShutdown {
  private readonly logger = new Logger(UserExecutionsStreamService.name);
  private readonly open = new Set<ExecutionStream>();

  constructor(
    private readonly prisma: PrismaService,
    private readonly updates: ExecutionUpdatesSubscriber,
    private readonly config: AppConfig,
    @InjectMetric(METRIC.liveConnections) private readonly connections: Gauge,
  ) {}

  async openStream(userId: string): Promise<ExecutionStream> {
    const body = new PassThrough();
    let closed = false;
    let heartbeat: NodeJS.Timeout | undefined;
    const send = (event: string, data: unknown) => !closed && body.write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
    const summaryEvent = (execution: ExecutionSummary) =>
      send(isFinal(execution.status) ? 'finished' : execution.status === 'QUEUED' ? 'created' : 'status', execution);
    const reread = async (executionId: string) => {
      try {
        const execution = await this.prisma.execution.findFirst({
          where: { id: executionId, userId },
          select: {
            id: true,
            workflowId: true,
            status: true,
            trigger: true,
            error: true,
            queuedAt: true,
            startedAt: true,
            finishedAt: true,
            durationMs: true,
          },
        });
        if (execution) summaryEvent(execution);
      } catch (err) {
        this.logger.warn({ executionId, err: (err as Error).message }, 'user execution stream: read failed');
      }
    };
    const unwatch = await this.updates.watchUser(
      userId,
      {
        onUpdate: (update: UserExecutionUpdate) => {
          if (update.execution) summaryEvent(update.execution);
          else if (typeof update.changed === 'string') void reread(update.changed);
        },
        onResync: () => send('resync', { message: 'Updates may have been missed; reload the list' }),
      },
      this.config.redis.REDIS_COMMAND_TIMEOUT_MS,
    );
    const stream: ExecutionStream = {
      body,
      close: () => {
        if (closed) return;
        closed = true;
        unwatch();
        clearTimeout(heartbeat);
        this.open.delete(stream);
        this.connections.dec();
        body.end();
      },
    };
    this.open.add(stream);
    this.connections.inc();
    // The first bytes go out at once, so the client knows the subscription is in place.
    body.write('retry: 1000\n\n: subscribed\n\n');
    const beat = () => {
      if (closed) return;
      body.write(': keep-alive\n\n');
      heartbeat = setTimeout(beat, HEARTBEAT_MS);
    };
    heartbeat = setTimeout(beat, HEARTBEAT_MS);
    return stream;
  }

  beforeApplicationShutdown(): void {
    for (const stream of [...this.open]) stream.close();
  }
}

import { Injectable, Logger } from '@nestjs/common';
import { EventStream } from '@app/common';
import { AppConfig } from '@app/config';
import { PrismaService } from '@app/database';
import { ExecutionSummary, ExecutionUpdatesSubscriber, isFinal, summariesOf, UserExecutionUpdate } from '@app/executions';
import { LiveStreams } from '@app/metrics';

/**
 * All of one user's executions as server-sent events, for live execution lists: `created` (first seen
 * queued), `status` (any other change), `finished` (a final status), each with the execution's summary;
 * `resync` after a Redis outage (updates may have been missed: reload the list). Fed by the owner's
 * Redis channel, so nobody else's executions can appear. Open until the client goes away.
 */
@Injectable()
export class UserExecutionsStreamService {
  private readonly logger = new Logger(UserExecutionsStreamService.name);

  constructor(
    private readonly prisma: PrismaService,
    private readonly updates: ExecutionUpdatesSubscriber,
    private readonly streams: LiveStreams,
    private readonly config: AppConfig,
  ) {}

  async openStream(userId: string): Promise<EventStream> {
    const stream = this.streams.open();
    const summaryEvent = (execution: ExecutionSummary) =>
      stream.send(isFinal(execution.status) ? 'finished' : execution.status === 'QUEUED' ? 'created' : 'status', execution);
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
    try {
      stream.onClose(
        await this.updates.watchUser(
          userId,
          {
            onUpdate: (update: UserExecutionUpdate) => {
              for (const summary of summariesOf(update)) summaryEvent(summary);
              if (typeof update.changed === 'string') void reread(update.changed);
            },
            onResync: () => stream.send('resync', { message: 'Updates may have been missed; reload the list' }),
          },
          this.config.redis.REDIS_COMMAND_TIMEOUT_MS,
        ),
      );
    } catch (error) {
      stream.close();
      throw error;
    }
    // The first bytes go out at once, so the client knows the subscription is in place.
    stream.comment('subscribed');
    return stream;
  }
}

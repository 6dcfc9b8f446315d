import { BadRequestException, ConflictException, Injectable, NotFoundException, ServiceUnavailableException } from '@nestjs/common';
import { InjectQueue } from '@nestjs/bullmq';
import { Queue } from 'bullmq';
import { afterCursor, CURSOR_ORDER, GroupCommit, toPage } from '@app/common';
import { isUniqueViolation, PrismaService, TriggerType, UserTier } from '@app/database';
import { emptyTrigger, TriggerData, WorkflowsService, WorkflowVersionsService } from '@app/workflows';
import { CancellationService } from './cancellation.service';
import { ListExecutionsQuery } from './dto/list-executions.query';
import { EXECUTION_QUEUE, ExecutionJob, JOB, RUN_JOB_OPTIONS, runJobData } from './execution-queue.constants';
import { ExecutionRow, isFinal } from './execution-row';
import { ExecutionUpdatesPublisher } from './execution-updates.publisher';
import { ExecutionWriter, MAX_EXECUTIONS_PER_FLUSH } from './execution-writer.service';
import { toExecutionResponse } from './execution.mapper';
import { recordKeyedRow, startedWithKey, storedKey } from './idempotent-start';
import { newTimeOrderedId } from './time-ordered-id';

export interface EnqueueOptions {
  /** The row is already in the database (written with its reused steps). */
  recorded?: boolean;
  reuseSteps?: boolean;
}

export interface NewExecution {
  workflowId: string;
  workflowVersionId: string;
  userId: string;
  trigger: TriggerType;
  input: TriggerData;
  attempt?: number;
  retryOfId?: string | null;
  idempotencyKey?: string | null;
}

export function newExecutionRow(params: NewExecution): ExecutionRow {
  return {
    id: newTimeOrderedId(),
    workflowId: params.workflowId,
    workflowVersionId: params.workflowVersionId,
    userId: params.userId,
    status: 'QUEUED',
    trigger: params.trigger,
    input: params.input,
    output: null,
    error: null,
    attempt: params.attempt ?? 1,
    retryOfId: params.retryOfId ?? null,
    idempotencyKey: params.idempotencyKey ?? null,
    queuedAt: new Date(),
    startedAt: null,
    finishedAt: null,
    durationMs: null,
  };
}

function manualRunAnswer(row: { id: string; status: string; workflowId: string; workflowVersionId: string; queuedAt: Date | null }) {
  return { id: row.id, status: row.status, workflowId: row.workflowId, workflowVersionId: row.workflowVersionId, queuedAt: row.queuedAt };
}

@Injectable()
export class ExecutionsService {
  constructor(
    private readonly prisma: PrismaService,
    private readonly writer: ExecutionWriter,
    private readonly workflows: WorkflowsService,
    private readonly workflowVersions: WorkflowVersionsService,
    private readonly cancellation: CancellationService,
    private readonly updates: ExecutionUpdatesPublisher,
    @InjectQueue(EXECUTION_QUEUE) private readonly queue: Queue<ExecutionJob>,
  ) {
    // Without a listener BullMQ prints every reconnect attempt; the Redis client already logs the outage.
    queue.on('error', () => undefined);
  }

  /**
   * Rows are recorded and jobs added in groups: concurrent enqueues share one INSERT and one addBulk, of
   * at most MAX_EXECUTIONS_PER_FLUSH (a group's rows reach the writer as one write, which it cannot split).
   */
  private readonly enqueuer = new GroupCommit<{ row: ExecutionRow; tier?: UserTier } & EnqueueOptions>(
    async (items) => {
      const unrecorded = items.filter((i) => !i.recorded).map((i) => i.row);
      if (unrecorded.length) await this.writer.write({ insert: unrecorded });
      await this.queue.addBulk(
        items.map(({ row, tier, reuseSteps }) => ({
          name: JOB.run,
          data: runJobData(row, tier, reuseSteps),
          opts: { ...RUN_JOB_OPTIONS, jobId: row.id },
        })),
      );
    },
    4,
    setImmediate,
    MAX_EXECUTIONS_PER_FLUSH,
  );

  /** Records the execution as QUEUED, then hands it to the workers. */
  enqueue(params: NewExecution, tier?: UserTier): Promise<ExecutionRow> {
    return this.enqueueRow(newExecutionRow(params), tier);
  }

  async enqueueRow(row: ExecutionRow, tier?: UserTier, options: EnqueueOptions = {}): Promise<ExecutionRow> {
    try {
      await this.enqueuer.submit({ row, tier, ...options });
    } catch (error) {
      Object.assign(row, { status: 'FAILED', error: `Could not enqueue: ${(error as Error).message}`, finishedAt: new Date() });
      await this.writer.write({ update: [row] });
      throw new ServiceUnavailableException('The execution queue is unavailable; try again shortly');
    }
    return row;
  }

  /** With an Idempotency-Key, a repeat (e.g. a replay of a run queued offline) answers the first run instead. */
  async runManually(userId: string, workflowId: string, body: unknown, idempotencyKey: string | null = null) {
    const workflow = await this.workflows.owned(userId, workflowId);
    const key = idempotencyKey === null ? null : storedKey('run', idempotencyKey);
    const earlier = key && (await startedWithKey(this.prisma, workflowId, key));
    if (earlier) return manualRunAnswer(earlier);
    const version = await this.workflowVersions.current(workflow);
    const tier = (await this.prisma.user.findUniqueOrThrow({ where: { id: userId }, select: { tier: true } })).tier;
    const params: NewExecution = {
      workflowId,
      workflowVersionId: version.id,
      userId,
      trigger: 'MANUAL',
      input: { ...emptyTrigger(body ?? {}), method: 'MANUAL' },
      idempotencyKey: key,
    };
    if (!key) return manualRunAnswer(await this.enqueue(params, tier));
    const row = newExecutionRow(params);
    try {
      await recordKeyedRow(this.prisma, row);
    } catch (error) {
      const raced = isUniqueViolation(error) && (await startedWithKey(this.prisma, workflowId, key));
      if (raced) return manualRunAnswer(raced);
      throw error;
    }
    return manualRunAnswer(await this.enqueueRow(row, tier, { recorded: true }));
  }

  async list(userId: string, query: ListExecutionsQuery) {
    if (query.from && query.to && query.from > query.to) throw new BadRequestException('from must not be after to');
    const limit = query.limit ?? 20;
    const rows = await this.prisma.execution.findMany({
      where: {
        userId,
        ...(query.workflowId ? { workflowId: query.workflowId } : {}),
        ...(query.status ? { status: query.status } : {}),
        ...listedTriggers(query),
        ...(query.from || query.to
          ? { createdAt: { ...(query.from ? { gte: query.from } : {}), ...(query.to ? { lt: query.to } : {}) } }
          : {}),
        ...afterCursor(query.cursor),
      },
      orderBy: CURSOR_ORDER,
      take: limit + 1,
    });
    return toPage(rows, limit, (e) => toExecutionResponse(e));
  }

  async get(userId: string, id: string) {
    const execution = await this.prisma.execution.findFirst({
      where: { id, userId },
      include: { steps: { orderBy: { sequence: 'asc' } }, workflowVersion: { select: { version: true } } },
    });
    if (!execution) throw new NotFoundException(`Execution ${id} not found`);
    const rootId = execution.retryRootId ?? execution.id;
    const retryChain = await this.prisma.execution.findMany({
      where: { userId, OR: [{ id: rootId }, { retryRootId: rootId }] },
      select: { id: true, attempt: true, status: true, retryOfId: true, queuedAt: true },
      orderBy: { attempt: 'asc' },
    });
    return { ...toExecutionResponse(execution, execution.steps), retryChain };
  }

  async cancel(userId: string, id: string) {
    const execution = await this.owned(userId, id);
    if (isFinal(execution.status)) throw new ConflictException(`Execution ${id} already finished (${execution.status})`);
    await this.cancellation.request(id);
    // One statement, so the duration is measured from the start the row has at that moment (as a finished run's is).
    await this.prisma.$executeRaw`
      UPDATE "executions" SET "status" = 'CANCELLED', "error" = 'Cancelled by the user', "finishedAt" = now(), "updatedAt" = now(),
        "durationMs" = floor(extract(epoch FROM now() - coalesce("startedAt", "queuedAt")) * 1000)::int
      WHERE "id" = ${id}::uuid AND "status" IN ('QUEUED', 'RUNNING')`;
    this.updates.changed(id, userId);
    await this.queue.remove(id).catch(() => undefined); // a job already running stops at its next node
    return this.get(userId, id);
  }

  private async owned(userId: string, id: string) {
    const execution = await this.prisma.execution.findFirst({ where: { id, userId } });
    if (!execution) throw new NotFoundException(`Execution ${id} not found`);
    return execution;
  }
}

/** Test runs are left out unless asked for (test=true, or trigger=TEST): lists show real runs by default. */
function listedTriggers(query: ListExecutionsQuery) {
  if (query.test === true) return query.trigger && query.trigger !== 'TEST' ? { trigger: { in: [] } } : { trigger: 'TEST' as const };
  if (query.trigger) return query.test === false && query.trigger === 'TEST' ? { trigger: { in: [] } } : { trigger: query.trigger };
  return { trigger: { not: 'TEST' as const } };
}

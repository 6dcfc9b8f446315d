import { ConflictException, Injectable, NotFoundException } from '@nestjs/common';
import { Execution, ExecutionStep, Prisma, PrismaService } from '@app/database';
import { TriggerData, WorkflowsService, WorkflowVersionsService } from '@app/workflows';
import { RetryExecutionDto } from '../dto/retry-execution.dto';
import { ExecutionRow } from '../execution-row';
import { ExecutionsService, newExecutionRow } from '../executions.service';
import { startedWithKey, storedKey } from '../idempotent-start';
import { isTruncated } from '../step-data';
import { planReuse } from './retry-safety';

const RETRYABLE = ['FAILED', 'CANCELLED', 'TIMED_OUT'];

/**
 * POST /executions/:id/retry. Retries form a chain from one origin: attempt numbers count up along it,
 * allocated under a lock on the origin so two concurrent retries never get the same one.
 */
@Injectable()
export class ExecutionRetryService {
  constructor(
    private readonly prisma: PrismaService,
    private readonly executions: ExecutionsService,
    private readonly workflows: WorkflowsService,
    private readonly workflowVersions: WorkflowVersionsService,
  ) {}

  /** With an Idempotency-Key, a repeat answers the retry the first request started (even once that one ended). */
  async retry(userId: string, id: string, dto: RetryExecutionDto = {}, idempotencyKey: string | null = null) {
    const origin = await this.prisma.execution.findFirst({ where: { id, userId }, include: { steps: { orderBy: { sequence: 'asc' } } } });
    if (!origin) throw new NotFoundException(`Execution ${id} not found`);
    const key = idempotencyKey === null ? null : storedKey('retry', `${id}:${idempotencyKey}`);
    const earlier = key && (await startedWithKey(this.prisma, origin.workflowId, key));
    if (earlier) return retryAnswer(earlier, origin.id, []);
    if (!RETRYABLE.includes(origin.status))
      throw new ConflictException(`Only failed, cancelled or timed-out executions can be retried (this one is ${origin.status})`);
    const versionId =
      dto.version === 'latest'
        ? (await this.workflowVersions.current(await this.workflows.owned(userId, origin.workflowId))).id
        : origin.workflowVersionId;
    const reused = dto.from === 'failed' ? await this.reusableSteps(origin, versionId) : [];
    const { tier } = await this.prisma.user.findUniqueOrThrow({ where: { id: userId }, select: { tier: true } });
    const row = newExecutionRow({
      workflowId: origin.workflowId,
      workflowVersionId: versionId,
      userId,
      // A retried editor test run is still a test: it stays out of the default lists.
      trigger: origin.trigger === 'TEST' ? 'TEST' : 'RETRY',
      input: origin.input as unknown as TriggerData,
      retryOfId: origin.id,
      idempotencyKey: key,
    });
    const raced = await this.record(row, origin.retryRootId ?? origin.id, reused);
    if (raced) return retryAnswer(raced, origin.id, []);
    await this.executions.enqueueRow(row, tier, { recorded: true, reuseSteps: reused.length > 0 });
    return retryAnswer(row, origin.id, reused);
  }

  /**
   * The steps that succeeded (on the latest version: those still valid there), refused (409, saying
   * which) when reusing them would be unsafe.
   */
  private async reusableSteps(origin: Execution & { steps: ExecutionStep[] }, versionId: string): Promise<ExecutionStep[]> {
    let reused = origin.steps.filter((s) => s.status === 'SUCCEEDED');
    if (versionId !== origin.workflowVersionId) {
      const [before, after] = await Promise.all([
        this.workflowVersions.byId(origin.workflowVersionId),
        this.workflowVersions.byId(versionId),
      ]);
      const failed = origin.steps.find((s) => s.status === 'FAILED' || s.status === 'TIMED_OUT');
      const plan = planReuse(
        before.definition,
        after.definition,
        reused.map((s) => s.nodeId),
        failed?.nodeId ?? null,
      );
      if (plan.problems.length)
        throw new ConflictException({
          message: `Cannot reuse the steps that succeeded on the latest version: ${plan.problems.join('; ')}`,
          problems: plan.problems,
          error: 'Conflict',
        });
      reused = reused.filter((s) => plan.reusable.includes(s.nodeId));
    }
    const truncated = reused.filter((s) => isTruncated(s.output)).map((s) => s.nodeId);
    if (truncated.length)
      throw new ConflictException(
        `Cannot retry from the failed step: the output of ${quoted(truncated)} was too large to be stored whole; retry from the start`,
      );
    return reused;
  }

  /** Records the retry; or, when a request with the same key got there first (same lock), returns that one. */
  private async record(row: ExecutionRow, rootId: string, reused: ExecutionStep[]): Promise<Execution | null> {
    return this.prisma.$transaction(async (tx) => {
      await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${rootId}, 0))`;
      const earlier = row.idempotencyKey ? await startedWithKey(tx, row.workflowId, row.idempotencyKey) : null;
      if (earlier) return earlier;
      const last = await tx.execution.aggregate({ where: { OR: [{ id: rootId }, { retryRootId: rootId }] }, _max: { attempt: true } });
      row.attempt = (last._max.attempt ?? 1) + 1;
      const { input, output: _output, ...fields } = row;
      await tx.execution.create({ data: { ...fields, input: input as Prisma.InputJsonValue, output: Prisma.DbNull, retryRootId: rootId } });
      if (reused.length)
        await tx.executionStep.createMany({
          data: reused.map(
            ({
              id: _id,
              createdAt: _c,
              executionId: originId,
              input: stepInput,
              output: stepOutput,
              attempts,
              reusedFromExecutionId,
              ...step
            }) => ({
              ...step,
              executionId: row.id,
              input: stepInput ?? Prisma.DbNull,
              output: stepOutput ?? Prisma.DbNull,
              attempts: attempts ?? Prisma.DbNull,
              reusedFromExecutionId: reusedFromExecutionId ?? originId,
            }),
          ),
        });
      return null;
    });
  }
}

function retryAnswer(
  row: Pick<Execution, 'id' | 'status' | 'attempt' | 'workflowVersionId'> & { queuedAt: Date | null },
  retryOfId: string,
  reused: ExecutionStep[],
) {
  return {
    id: row.id,
    status: row.status,
    retryOfId,
    attempt: row.attempt,
    workflowVersionId: row.workflowVersionId,
    queuedAt: row.queuedAt,
    reusedSteps: reused.map((s) => s.nodeId),
  };
}

const quoted = (ids: string[]) => ids.map((id) => `"${id}"`).join(', ');

import { GoneException, Injectable, NotFoundException, ServiceUnavailableException } from '@nestjs/common';
import { InjectQueue } from '@nestjs/bullmq';
import { Queue } from 'bullmq';
import { Prisma, PrismaService } from '@app/database';
import { CallbackDecision } from '@app/workflows';
import { CALLBACK_TOKEN_PATTERN, callbackResumeJobId, callbackTokenHash, CallbackTimeoutJob } from './callback-token';
import { EXECUTION_QUEUE, ExecutionJob, JOB, RUN_JOB_OPTIONS } from './execution-queue.constants';
import { isFinal } from './execution-row';

const STATUS_OF: Record<CallbackDecision, string> = { approve: 'APPROVED', reject: 'REJECTED', timeout: 'TIMED_OUT' };
export const DECISION_OF: Record<string, CallbackDecision> = { APPROVED: 'approve', REJECTED: 'reject', TIMED_OUT: 'timeout' };

/**
 * Resolves flow.waitForCallback callbacks, once: by POST /callbacks/:token or by their timeout job. Each
 * resolution queues a resume job; the resumed run re-runs the waiting node, which reads the resolution.
 */
@Injectable()
export class CallbacksService {
  constructor(
    private readonly prisma: PrismaService,
    @InjectQueue(EXECUTION_QUEUE) private readonly queue: Queue<ExecutionJob>,
  ) {}

  async resolve(token: string, decision: 'approve' | 'reject', data: unknown) {
    const callback = CALLBACK_TOKEN_PATTERN.test(token)
      ? await this.prisma.executionCallback.findUnique({
          where: { tokenHash: callbackTokenHash(token) },
          include: { execution: { select: { status: true } } },
        })
      : null;
    if (!callback) throw new NotFoundException('Unknown callback');
    if (callback.status !== 'WAITING') throw new GoneException(`This callback was already used (${callback.status})`);
    if (callback.expiresAt.getTime() <= Date.now()) throw new GoneException(`This callback expired at ${callback.expiresAt.toISOString()}`);
    if (isFinal(callback.execution.status)) throw new GoneException(`The execution already ended (${callback.execution.status})`);
    // The conditional update is what makes the callback work once, also against concurrent calls.
    if (!(await this.settle(callback.id, decision, data, { gt: new Date() }))) throw new GoneException('This callback was already used');
    try {
      await this.resume(callback.executionId, callback.nodeId);
    } catch {
      await this.prisma.executionCallback.updateMany({
        where: { id: callback.id, status: STATUS_OF[decision] },
        data: { status: 'WAITING', data: Prisma.DbNull, resolvedAt: null },
      });
      throw new ServiceUnavailableException('The execution queue is unavailable; call again shortly');
    }
    return { executionId: callback.executionId, decision };
  }

  /** The timeout job: resolves a callback still waiting as TIMED_OUT. */
  async expire({ executionId, nodeId }: CallbackTimeoutJob) {
    const callback = await this.prisma.executionCallback.findUnique({ where: { executionId_nodeId: { executionId, nodeId } } });
    if (!callback || !(await this.settle(callback.id, 'timeout', null))) return { skipped: true };
    await this.resume(executionId, nodeId);
    return { timedOut: true };
  }

  private async settle(id: string, decision: CallbackDecision, data: unknown, expiresAt?: Prisma.DateTimeFilter): Promise<boolean> {
    const { count } = await this.prisma.executionCallback.updateMany({
      where: { id, status: 'WAITING', ...(expiresAt ? { expiresAt } : {}) },
      data: {
        status: STATUS_OF[decision],
        data: data === undefined || data === null ? Prisma.DbNull : (data as Prisma.InputJsonValue),
        resolvedAt: new Date(),
      },
    });
    return count === 1;
  }

  private async resume(executionId: string, nodeId: string) {
    await this.queue.add(JOB.resume, { executionId }, { ...RUN_JOB_OPTIONS, jobId: callbackResumeJobId(executionId, nodeId) });
  }
}

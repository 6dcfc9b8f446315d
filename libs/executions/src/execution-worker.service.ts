import { Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { Worker } from 'bullmq';
import { AppConfig } from '@app/config';
import { closeWorker, redisOptions } from '@app/redis';
import { EXECUTION_QUEUE, ExecutionJob } from './execution-queue.constants';
import { ExecutionJobHandler } from './execution-job.handler';
import { RedisPrefixClaim } from './redis-prefix-claim.service';

/**
 * The queue consumer. Created by hand rather than with @Processor so that concurrency and lock
 * timings come from the validated config. Closing waits for running jobs (SIGTERM finishes them);
 * jobs of a worker that was killed are picked up by another once their lock expires (stalled jobs).
 */
@Injectable()
export class ExecutionWorker implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(ExecutionWorker.name);
  private worker?: Worker<ExecutionJob>;

  constructor(
    private readonly config: AppConfig,
    private readonly handler: ExecutionJobHandler,
    private readonly prefixClaim: RedisPrefixClaim,
  ) {}

  onApplicationBootstrap(): void {
    const { execution, redis } = this.config;
    this.worker = new Worker<ExecutionJob>(EXECUTION_QUEUE, (job, token) => this.handler.handle(job, token), {
      connection: redisOptions(redis, 'worker'),
      prefix: `${redis.REDIS_KEY_PREFIX}bull`,
      concurrency: execution.WORKER_CONCURRENCY,
      lockDuration: execution.WORKER_LOCK_DURATION_MS,
      stalledInterval: execution.WORKER_STALLED_INTERVAL_MS,
      // A job whose worker died twice (e.g. an expression that crashed the process) is not taken a
      // third time: BullMQ fails it, unprocessed, with "job stalled more than allowable limit".
      maxStalledCount: 1,
      // Takes jobs only once start-up has claimed the key prefix for this database (see RedisPrefixClaim).
      autorun: false,
    });
    const worker = this.worker;
    this.prefixClaim.claimed.then(
      () => void worker.run().catch((error: Error) => this.logger.error({ err: error.message }, 'Worker stopped')),
      () => undefined,
    );
    this.worker.on('failed', (job, error) => {
      this.logger.warn({ jobId: job?.id, name: job?.name, attempt: job?.attemptsMade, err: error.message }, 'Job failed');
      // Unrecoverable failures (the stall limit among them) are final whatever attemptsMade says.
      const final = error.name === 'UnrecoverableError' || (job && job.attemptsMade >= (job.opts.attempts ?? 1));
      if (job && final)
        void this.handler
          .giveUp(job, error)
          .catch((e: Error) => this.logger.error({ err: e.message, jobId: job.id }, 'Could not record the failure'));
    });
    this.worker.on('error', (error) => this.logger.warn({ err: error.message }, 'Worker error'));
  }

  /**
   * Drains in onModuleDestroy, the first shutdown hook: running jobs still need PostgreSQL and Redis,
   * whose modules (imported by ExecutionWorkerModule) are destroyed after it. In onApplicationShutdown the pools were
   * already closed, so a job finishing during SIGTERM failed and its execution stayed RUNNING.
   */
  async onModuleDestroy(): Promise<void> {
    await closeWorker(this.worker);
  }
}

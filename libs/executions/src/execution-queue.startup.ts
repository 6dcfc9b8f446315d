import { Injectable } from '@nestjs/common';
import { InjectQueue } from '@nestjs/bullmq';
import { Queue } from 'bullmq';
import { LifecycleService } from '@app/health';
import { EXECUTION_QUEUE } from './execution-queue.constants';
import { RedisPrefixClaim } from './redis-prefix-claim.service';

/**
 * Start-up step `queue`: the process listens only once the execution queue's Redis connection is up,
 * and refuses a key prefix that a deployment on another database uses.
 */
@Injectable()
export class ExecutionQueueStartup {
  constructor(lifecycle: LifecycleService, @InjectQueue(EXECUTION_QUEUE) queue: Queue, prefixClaim: RedisPrefixClaim) {
    lifecycle.registerStep('queue', async () => {
      await queue.waitUntilReady();
      await prefixClaim.claim();
    });
  }
}

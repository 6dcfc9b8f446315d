import { Injectable } from '@nestjs/common';
import { InjectQueue } from '@nestjs/bullmq';
import { Queue } from 'bullmq';
import { LifecycleService } from '@app/health';
import { EXECUTION_QUEUE } from './execution-queue.constants';

/** Start-up step `queue`: the process listens only once the execution queue's Redis connection is up. */
@Injectable()
export class ExecutionQueueStartup {
  constructor(lifecycle: LifecycleService, @InjectQueue(EXECUTION_QUEUE) queue: Queue) {
    lifecycle.registerStep('queue', async () => {
      await queue.waitUntilReady();
    });
  }
}

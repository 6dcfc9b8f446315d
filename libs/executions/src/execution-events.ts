import { Injectable, Logger } from '@nestjs/common';
import { ExecutionStatus, TriggerType } from '@app/database';

export interface ExecutionFinished {
  executionId: string;
  workflowId: string;
  userId: string;
  status: ExecutionStatus;
  trigger: TriggerType;
  durationMs: number | null;
  error: string | null;
}

type Listener = (event: ExecutionFinished) => void | Promise<void>;

/**
 * Lets metrics, monitoring and notifications react to finished executions without the engine
 * depending on them. Listeners run after the execution is committed; their failures are logged and
 * never fail the execution.
 */
@Injectable()
export class ExecutionEvents {
  private readonly logger = new Logger(ExecutionEvents.name);
  private readonly listeners: Listener[] = [];

  onFinished(listener: Listener): void {
    this.listeners.push(listener);
  }

  finished(event: ExecutionFinished): void {
    for (const listener of this.listeners) {
      try {
        const result = listener(event);
        if (result instanceof Promise)
          result.catch((error) => this.logger.warn({ err: error, executionId: event.executionId }, 'Execution listener failed'));
      } catch (error) {
        this.logger.warn({ err: error, executionId: event.executionId }, 'Execution listener failed');
      }
    }
  }
}

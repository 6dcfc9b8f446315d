import { Injectable, Logger } from '@nestjs/common';

export interface ScheduleTrigger {
  nodeId: string;
  cron: string;
  timezone: string;
}

/** After a workflow's triggers changed (activate, deactivate, new version, delete). */
export interface TriggersChanged {
  workflowId: string;
  active: boolean;
  schedules: ScheduleTrigger[];
  /** Webhook paths whose cached lookups are now stale. */
  webhookPaths: string[];
}

type Listener = (event: TriggersChanged) => Promise<void> | void;

/**
 * Lets libs that depend on workflows (executions: BullMQ schedulers; webhooks: lookup cache) react to
 * trigger changes without workflows depending back on them.
 */
@Injectable()
export class WorkflowEvents {
  private readonly logger = new Logger(WorkflowEvents.name);
  private readonly listeners: Listener[] = [];

  onTriggersChanged(listener: Listener): void {
    this.listeners.push(listener);
  }

  async triggersChanged(event: TriggersChanged): Promise<void> {
    for (const listener of this.listeners) {
      try {
        await listener(event);
      } catch (error) {
        this.logger.error({ err: error, workflowId: event.workflowId }, 'Trigger listener failed');
        throw error;
      }
    }
  }
}

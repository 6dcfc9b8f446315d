import { Injectable } from '@nestjs/common';
import type { BackupFinishedEvent } from '@app/backup';
import { AlertRule, NotificationEvent, PrismaService } from '@app/database';
import type { ExecutionFinished } from '@app/executions';
import { alertMessage, backupMessage, deactivatedMessage, executionMessage } from './notification-content';
import { NotificationDispatcher } from './notification-dispatcher.service';
import { RecipientResolver } from './recipient-resolver.service';

const EXECUTION_EVENTS: Partial<Record<ExecutionFinished['status'], NotificationEvent>> = {
  SUCCEEDED: 'EXECUTION_SUCCEEDED',
  FAILED: 'EXECUTION_FAILED',
  TIMED_OUT: 'EXECUTION_FAILED',
};

/** Who hears about each kind of event, and what they are told. */
@Injectable()
export class EventNotifier {
  constructor(
    private readonly prisma: PrismaService,
    private readonly recipients: RecipientResolver,
    private readonly dispatcher: NotificationDispatcher,
  ) {}

  /** Nobody is to hear of this execution, as far as is known without a lookup. */
  ignores(e: ExecutionFinished): boolean {
    const event = EXECUTION_EVENTS[e.status];
    return !event || this.recipients.knownNone(e.userId, event);
  }

  /** The owner's channels subscribed to the outcome; cancelled runs notify nobody. */
  async executionFinished(e: ExecutionFinished): Promise<number> {
    const event = EXECUTION_EVENTS[e.status];
    if (!event) return 0;
    const recipients = await this.recipients.forUser(e.userId, event, e.workflowId);
    if (!recipients.length) return 0;
    const workflow = await this.prisma.workflow.findUnique({ where: { id: e.workflowId }, select: { name: true } });
    return this.dispatcher.dispatch(executionMessage(event, e, workflow?.name ?? e.workflowId), recipients);
  }

  async workflowDeactivated(workflowId: string): Promise<number> {
    const workflow = await this.prisma.workflow.findUnique({
      where: { id: workflowId },
      select: { id: true, userId: true, name: true, updatedAt: true, deletedAt: true },
    });
    if (!workflow) return 0;
    const recipients = await this.recipients.forUser(workflow.userId, 'WORKFLOW_DEACTIVATED', workflow.id);
    return this.dispatcher.dispatch(deactivatedMessage(workflow), recipients);
  }

  /** Backups are system-wide: admins subscribed to the outcome hear about it. */
  async backupFinished(e: BackupFinishedEvent): Promise<number> {
    const message = backupMessage(e);
    return this.dispatcher.dispatch(message, await this.recipients.forAdmins(message.event));
  }

  async alertFired(rule: AlertRule, value: number, firedAt: Date): Promise<number> {
    const recipients = await this.recipients.forUser(rule.userId, 'ALERT_FIRED', rule.workflowId);
    return this.dispatcher.dispatch(alertMessage(rule, value, firedAt), recipients);
  }
}

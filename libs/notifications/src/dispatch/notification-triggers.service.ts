import { Injectable, Logger, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { BackupEvents } from '@app/backup';
import { ExecutionEvents } from '@app/executions';
import { WorkflowEvents } from '@app/workflows';
import { EventNotifier } from './event-notifier.service';
import { NotificationDispatcher } from './notification-dispatcher.service';

/**
 * Listens to the engine, workflows and (where the app runs them) backups. Execution and workflow
 * listeners return at once: notifying never delays or fails a run or a request.
 */
@Injectable()
export class NotificationTriggers implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger(NotificationTriggers.name);
  private stopBackups?: () => void;

  constructor(
    private readonly executions: ExecutionEvents,
    private readonly workflows: WorkflowEvents,
    private readonly moduleRef: ModuleRef,
    private readonly notifier: EventNotifier,
    private readonly dispatcher: NotificationDispatcher,
  ) {}

  onModuleInit(): void {
    this.executions.onFinished((e) => {
      if (this.notifier.ignores(e)) return;
      this.dispatcher.background('an execution', { executionId: e.executionId }, () => this.notifier.executionFinished(e));
    });
    this.workflows.onTriggersChanged((e) => {
      if (!e.active)
        this.dispatcher.background('a deactivated workflow', { workflowId: e.workflowId }, () =>
          this.notifier.workflowDeactivated(e.workflowId),
        );
    });
    this.listenToBackups();
  }

  onModuleDestroy(): void {
    this.stopBackups?.();
  }

  /**
   * BackupModule lives in the apps that run backups (the API); the worker has none, so it is looked up
   * rather than imported. The listener is awaited by the backup, so a one-shot run keeps its notices.
   */
  private listenToBackups(): void {
    let backups: BackupEvents;
    try {
      backups = this.moduleRef.get(BackupEvents, { strict: false });
    } catch {
      this.logger.debug('No backups in this process; backup notifications come from the process that runs them');
      return;
    }
    this.stopBackups = backups.onFinished(async (e) => {
      try {
        await this.notifier.backupFinished(e);
      } catch (error) {
        this.logger.error({ backupId: e.id, err: (error as Error).message }, 'Could not notify about a backup');
      }
    });
  }
}

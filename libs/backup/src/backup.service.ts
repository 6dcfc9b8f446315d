import { Injectable, OnModuleDestroy } from '@nestjs/common';
import { BackupTrigger } from '@app/database';
import { RUN_LOCK_KEY } from './backup.constants';
import { errorMessage } from '@app/common';
import { BackupBusyError, BackupError } from './backup.errors';
import { BackupPipeline } from './backup-pipeline.service';
import { RedisLock, RedisLockService } from './lock/redis-lock.service';
import { BackupReporter, BackupSucceeded, RunContext } from './records/backup-reporter.service';
import { BackupLocalStore } from './storage/backup-local-store.service';
import { backupIdFor } from './util/backup-id.util';

export interface StartedBackup {
  id: string;
  startedAt: Date;
  /** Settles when the run ends: its result, or BackupRunFailedError. */
  done: Promise<BackupSucceeded>;
}

/** Renewed every third of it while the run lasts; a crashed holder frees the lock within a minute. */
const RUN_LOCK_TTL_MS = 60_000;

/**
 * Runs one backup at a time across all replicas (Redis lock), scheduled or manual. Every outcome is
 * recorded in backup_records, logged and announced (Slack, listeners); a failure ends FAILED with its
 * cause and is thrown as BackupRunFailedError.
 */
@Injectable()
export class BackupService implements OnModuleDestroy {
  private inFlight?: { controller: AbortController; done: Promise<unknown> };

  constructor(
    private readonly locks: RedisLockService,
    private readonly reporter: BackupReporter,
    private readonly local: BackupLocalStore,
    private readonly pipeline: BackupPipeline,
  ) {}

  /** Throws BackupBusyError when another run holds the lock, BackupRunFailedError when the run failed. */
  async run(trigger: BackupTrigger): Promise<BackupSucceeded> {
    return (await this.start(trigger)).done;
  }

  /**
   * Takes the run lock and starts the run without waiting for it (POST /admin/backups answers 202):
   * a busy lock is reported at once (BackupBusyError); `done` settles like run().
   */
  async start(trigger: BackupTrigger): Promise<StartedBackup> {
    if (this.inFlight) throw new BackupBusyError();
    const startedAt = new Date();
    const id = backupIdFor(startedAt);
    const run: RunContext = { id, trigger, startedAt, location: this.local.dir(id) };
    let lock: RedisLock | null;
    try {
      lock = await this.locks.acquire(RUN_LOCK_KEY, RUN_LOCK_TTL_MS);
    } catch (error) {
      throw await this.reporter.failed(
        run,
        new BackupError('redis', `cannot take the backup lock: ${errorMessage(error)}`, { cause: error }),
      );
    }
    if (!lock) throw new BackupBusyError();
    if (this.inFlight) {
      await lock.release();
      throw new BackupBusyError();
    }
    const held = lock;
    const controller = new AbortController();
    const done = this.execute(run, controller.signal).finally(async () => {
      this.inFlight = undefined;
      await held.release();
    });
    this.inFlight = { controller, done };
    return { id, startedAt, done };
  }

  get running(): boolean {
    return this.inFlight !== undefined;
  }

  /**
   * Shutdown (SIGTERM) cancels a run in progress: it ends FAILED, recorded and notified, and cleans up
   * instead of leaving halves. The lib's connections close later, in onApplicationShutdown.
   */
  async onModuleDestroy(): Promise<void> {
    const inFlight = this.inFlight;
    if (!inFlight) return;
    inFlight.controller.abort(new Error('interrupted: the process is shutting down'));
    await inFlight.done.catch(() => undefined);
  }

  private async execute(run: RunContext, signal: AbortSignal): Promise<BackupSucceeded> {
    let result;
    try {
      await this.reporter.sweepInterrupted();
      result = await this.pipeline.execute(run, signal, () => this.reporter.started(run));
    } catch (error) {
      throw await this.reporter.failed(run, error);
    }
    return this.reporter.succeeded(run, result);
  }
}

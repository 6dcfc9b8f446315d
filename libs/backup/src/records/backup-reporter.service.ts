import { Injectable, Logger } from '@nestjs/common';
import { hostname } from 'node:os';
import { BackupTrigger } from '@app/database';
import { errorMessage } from '@app/common';
import { BackupEvents, BackupFinishedEvent } from '../events/backup-events.service';
import { BackupManifest } from '../manifest/backup-manifest';
import { formatBytes, formatDuration } from '../util/format.util';
import { BackupRecordsService } from './backup-records.service';

export interface RunContext {
  id: string;
  trigger: BackupTrigger;
  startedAt: Date;
  location: string;
}

export interface BackupSucceeded {
  id: string;
  location: string;
  s3Uri: string | null;
  sizeBytes: number;
  durationMs: number;
  manifest: BackupManifest;
}

/** A run that ended FAILED; the message carries the id and the cause. */
export class BackupRunFailedError extends Error {
  override readonly name = 'BackupRunFailedError';

  constructor(
    readonly backupId: string,
    readonly reason: string,
    options?: { cause?: unknown },
  ) {
    super(`backup ${backupId} FAILED: ${reason}`, options);
  }
}

/** Every outcome of a run goes the same three ways: backup_records, the log, and the event listeners (Slack...). */
@Injectable()
export class BackupReporter {
  private readonly logger = new Logger('Backup');

  constructor(
    private readonly records: BackupRecordsService,
    private readonly events: BackupEvents,
  ) {}

  /** Before a run: rows left RUNNING by a crashed process are closed (the caller holds the run lock). */
  sweepInterrupted(): Promise<void> {
    return this.records.failInterrupted();
  }

  started(run: RunContext): Promise<void> {
    return this.records.started(run.id, run.trigger, run.startedAt, run.location);
  }

  async succeeded(run: RunContext, result: Omit<BackupSucceeded, 'id' | 'durationMs'>): Promise<BackupSucceeded> {
    const finishedAt = new Date();
    const durationMs = finishedAt.getTime() - run.startedAt.getTime();
    await this.records.succeeded(run.id, { ...run, ...result, finishedAt, verifiedAt: finishedAt });
    this.logger.log(
      { backupId: run.id, sizeBytes: result.sizeBytes, durationMs, s3: result.s3Uri },
      `Backup succeeded: ${formatBytes(result.sizeBytes)} in ${formatDuration(durationMs)}`,
    );
    await this.events.emitFinished(
      this.event(run, finishedAt, {
        status: 'SUCCEEDED',
        sizeBytes: result.sizeBytes,
        location: result.location,
        s3Uri: result.s3Uri,
        error: null,
      }),
    );
    return { id: run.id, durationMs, ...result };
  }

  /** Records and announces the failure; returns the error for the caller to throw. */
  async failed(run: RunContext, cause: unknown): Promise<BackupRunFailedError> {
    const finishedAt = new Date();
    const reason = errorMessage(cause);
    await this.records.failed(run.id, { ...run, finishedAt, error: reason });
    this.logger.error({ backupId: run.id, err: reason }, 'Backup failed');
    await this.events.emitFinished(
      this.event(run, finishedAt, { status: 'FAILED', sizeBytes: null, location: null, s3Uri: null, error: reason }),
    );
    return new BackupRunFailedError(run.id, reason, { cause });
  }

  private event(
    run: RunContext,
    finishedAt: Date,
    outcome: Pick<BackupFinishedEvent, 'status' | 'sizeBytes' | 'location' | 's3Uri' | 'error'>,
  ): BackupFinishedEvent {
    return {
      id: run.id,
      trigger: run.trigger,
      host: hostname(),
      startedAt: run.startedAt,
      finishedAt,
      durationMs: finishedAt.getTime() - run.startedAt.getTime(),
      ...outcome,
    };
  }
}

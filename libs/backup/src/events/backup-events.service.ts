import { Injectable, Logger } from '@nestjs/common';
import { errorMessage } from '@app/common';

export interface BackupFinishedEvent {
  id: string;
  status: 'SUCCEEDED' | 'FAILED';
  trigger: 'SCHEDULED' | 'MANUAL';
  host: string;
  startedAt: Date;
  finishedAt: Date;
  durationMs: number;
  /** Total bytes of the artifacts and manifest; null when the run failed. */
  sizeBytes: number | null;
  location: string | null;
  s3Uri: string | null;
  error: string | null;
}

export interface BackupVerificationFailedEvent {
  id: string;
  host: string;
  problems: string[];
  at: Date;
}

type Listener<E> = (event: E) => void | Promise<void>;

/**
 * The backup's outcomes for whoever cares (Slack here; the notifications and metrics libs later).
 * A plain observer rather than an event bus: emit waits for every listener, so a one-shot CLI run
 * does not exit before its notices are sent, and a failing listener is logged, never thrown.
 */
@Injectable()
export class BackupEvents {
  private readonly logger = new Logger(BackupEvents.name);
  private readonly finished = new Set<Listener<BackupFinishedEvent>>();
  private readonly verificationFailed = new Set<Listener<BackupVerificationFailedEvent>>();

  /** Returns the unsubscribe function. */
  onFinished(listener: Listener<BackupFinishedEvent>): () => void {
    this.finished.add(listener);
    return () => this.finished.delete(listener);
  }

  onVerificationFailed(listener: Listener<BackupVerificationFailedEvent>): () => void {
    this.verificationFailed.add(listener);
    return () => this.verificationFailed.delete(listener);
  }

  emitFinished(event: BackupFinishedEvent): Promise<void> {
    return this.emit(this.finished, event);
  }

  emitVerificationFailed(event: BackupVerificationFailedEvent): Promise<void> {
    return this.emit(this.verificationFailed, event);
  }

  private async emit<E extends { id: string }>(listeners: Set<Listener<E>>, event: E): Promise<void> {
    await Promise.all(
      [...listeners].map(async (listener) => {
        try {
          await listener(event);
        } catch (error) {
          this.logger.warn({ backupId: event.id, err: errorMessage(error) }, 'A backup event listener failed');
        }
      }),
    );
  }
}

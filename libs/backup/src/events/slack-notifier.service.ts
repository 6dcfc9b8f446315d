import { Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { AppConfig } from '@app/config';
import { errorMessage } from '@app/common';
import { formatBytes, formatDuration } from '../util/format.util';
import { BackupEvents, BackupFinishedEvent, BackupVerificationFailedEvent } from './backup-events.service';

const SLACK_TIMEOUT_MS = 10_000;

/** Posts every backup outcome to SLACK_WEBHOOK_URL (an incoming webhook: JSON with `text`). */
@Injectable()
export class SlackNotifier implements OnModuleInit {
  private readonly logger = new Logger(SlackNotifier.name);

  constructor(
    private readonly config: AppConfig,
    private readonly events: BackupEvents,
  ) {}

  onModuleInit(): void {
    if (!this.config.backup.SLACK_WEBHOOK_URL) return;
    // Subscribed for the application's whole life: a run cancelled by the shutdown still gets its notice.
    this.events.onFinished((event) => this.post(event.id, finishedText(event)));
    this.events.onVerificationFailed((event) => this.post(event.id, verificationText(event)));
  }

  private async post(backupId: string, text: string): Promise<void> {
    try {
      const response = await fetch(this.config.backup.SLACK_WEBHOOK_URL!, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ text }),
        signal: AbortSignal.timeout(SLACK_TIMEOUT_MS),
      });
      await response.arrayBuffer();
      if (!response.ok) this.logger.warn({ backupId, status: response.status }, 'Slack refused the backup notice');
    } catch (error) {
      this.logger.warn({ backupId, err: errorMessage(error) }, 'Could not send the backup notice to Slack');
    }
  }
}

export function finishedText(event: BackupFinishedEvent): string {
  const duration = formatDuration(event.durationMs);
  if (event.status === 'SUCCEEDED') {
    const where = [event.location, event.s3Uri].filter(Boolean).join(' and ');
    return `:white_check_mark: Backup ${event.id} succeeded on ${event.host} (${event.trigger.toLowerCase()}): ${formatBytes(event.sizeBytes ?? 0)} in ${duration}, stored in ${where}`;
  }
  return `:x: Backup ${event.id} FAILED on ${event.host} (${event.trigger.toLowerCase()}) after ${duration}: ${event.error}`;
}

function verificationText(event: BackupVerificationFailedEvent): string {
  return `:x: Backup ${event.id} FAILED verification on ${event.host}: ${event.problems.join('; ')}`;
}

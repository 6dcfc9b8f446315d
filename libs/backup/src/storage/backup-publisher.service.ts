import { Injectable, Logger } from '@nestjs/common';
import { errorMessage } from '@app/common';
import { BackupManifest } from '../manifest/backup-manifest';
import { BackupRetentionService } from '../retention/backup-retention.service';
import { BackupS3Service } from './backup-s3.service';

/** After a backup is complete locally: the S3 copy (when configured), then retention. */
@Injectable()
export class BackupPublisher {
  private readonly logger = new Logger(BackupPublisher.name);

  constructor(
    private readonly s3: BackupS3Service,
    private readonly retention: BackupRetentionService,
  ) {}

  /** Returns the S3 URI (null without S3). An upload failure throws; a retention failure is only logged. */
  async publish(id: string, dir: string, manifest: BackupManifest, signal: AbortSignal): Promise<string | null> {
    const s3Uri = this.s3.enabled ? await this.s3.upload(id, dir, manifest, signal) : null;
    try {
      await this.retention.prune();
    } catch (error) {
      this.logger.warn({ err: errorMessage(error) }, 'Retention failed; expired backups were kept');
    }
    return s3Uri;
  }
}

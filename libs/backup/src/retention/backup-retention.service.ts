import { Injectable, Logger } from '@nestjs/common';
import { AppConfig } from '@app/config';
import { MANIFEST_FILE } from '../backup.constants';
import { BackupRecordsService } from '../records/backup-records.service';
import { BackupLocalStore } from '../storage/backup-local-store.service';
import { BackupS3Service } from '../storage/backup-s3.service';
import { backupTime } from '../util/backup-id.util';

const DAY_MS = 86_400_000;
/** An S3 backup without its manifest older than this is a crashed upload, not one in progress. */
const STALE_INCOMPLETE_MS = DAY_MS;

export interface RetentionResult {
  deletedLocal: string[];
  deletedS3: string[];
  /** The newest successful backup, kept whatever its age. */
  protectedId: string | null;
}

/**
 * Deletes backups older than BACKUP_RETENTION_DAYS, locally and on S3, but never the newest
 * successful one: if backups have been failing for longer than the retention, the last good copy
 * is all there is. Only names that parse as backup ids are ever touched.
 */
@Injectable()
export class BackupRetentionService {
  private readonly logger = new Logger(BackupRetentionService.name);

  constructor(
    private readonly config: AppConfig,
    private readonly local: BackupLocalStore,
    private readonly s3: BackupS3Service,
    private readonly records: BackupRecordsService,
  ) {}

  async prune(now = new Date()): Promise<RetentionResult> {
    const cutoff = now.getTime() - this.config.backup.BACKUP_RETENTION_DAYS * DAY_MS;
    const [local, remote, failed] = await Promise.all([
      this.local.list(),
      this.s3.enabled ? this.s3.list() : new Map<string, Set<string>>(),
      this.records.failedIds(),
    ]);
    const successful = [
      ...local.filter((backup) => backup.complete).map((backup) => backup.id),
      ...[...remote].filter(([, files]) => files.has(MANIFEST_FILE)).map(([id]) => id),
    ]
      .filter((id) => !failed.has(id))
      .sort();
    const protectedId = successful.at(-1) ?? null;
    const expired = (id: string) => id !== protectedId && backupTime(id)!.getTime() < cutoff;

    const deletedLocal: string[] = [];
    for (const backup of local.filter((candidate) => expired(candidate.id))) {
      await this.local.remove(backup.id);
      deletedLocal.push(backup.id);
    }
    const deletedS3: string[] = [];
    for (const [id, files] of remote) {
      const crashedUpload = !files.has(MANIFEST_FILE) && backupTime(id)!.getTime() < now.getTime() - STALE_INCOMPLETE_MS;
      if (!expired(id) && !crashedUpload) continue;
      await this.s3.delete(id);
      deletedS3.push(id);
    }
    await this.records.markDeleted([...new Set([...deletedLocal, ...deletedS3])]);
    if (deletedLocal.length || deletedS3.length) this.logger.log({ deletedLocal, deletedS3, protectedId }, 'Expired backups deleted');
    return { deletedLocal, deletedS3, protectedId };
  }
}

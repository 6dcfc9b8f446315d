export { BackupModule } from './backup.module';
export { BackupHttpModule } from './admin/backup-http.module';
export { BackupMetricsModule } from './metrics/backup-metrics.module';
export { BackupService, type StartedBackup } from './backup.service';
export { BackupBusyError, BackupError, BackupVerificationError, RestoreRefusedError } from './backup.errors';
export {
  ARTIFACT_FILES,
  BACKUP_CRON_JOB,
  FILES_ARTIFACT,
  MANIFEST_FILE,
  MANIFEST_FORMAT_VERSION,
  PARTIAL_SUFFIX,
  POSTGRES_ARTIFACT,
  REDIS_ARTIFACT,
  RUN_LOCK_KEY,
  SCHEDULE_SLOT_KEY,
} from './backup.constants';
export { BackupRunFailedError } from './records/backup-reporter.service';
export type { BackupSucceeded } from './records/backup-reporter.service';
export { BackupRecordsService } from './records/backup-records.service';
export { BackupEvents } from './events/backup-events.service';
export type { BackupFinishedEvent, BackupVerificationFailedEvent } from './events/backup-events.service';
export { BackupScheduler } from './schedule/backup-scheduler.service';
export type { ScheduledOutcome } from './schedule/backup-scheduler.service';
export { BackupCatalog } from './storage/backup-catalog.service';
export { createS3Client } from './storage/s3-client.factory';
export { s3Sdk, s3Storage } from './storage/s3-sdk';
export type { CatalogEntry } from './storage/backup-catalog.service';
export { BackupVerificationService } from './verify/backup-verification.service';
export type { VerificationReport } from './verify/backup-verification.service';
export { BackupRestoreService } from './restore/backup-restore.service';
export type { RestoreOptions, RestoreReport, TableComparison } from './restore/backup-restore.service';
export { BackupRetentionService } from './retention/backup-retention.service';
export type { RetentionResult } from './retention/backup-retention.service';
export { defaultRestoreDatabaseName, defaultRestoreUploadDir } from './restore/restore-names.util';
export { readManifest } from './manifest/backup-manifest';
export type { ArtifactEntry, BackupManifest } from './manifest/backup-manifest';
export { backupIdFor, backupTime, isBackupId } from './util/backup-id.util';
export { formatBytes, formatDuration } from './util/format.util';

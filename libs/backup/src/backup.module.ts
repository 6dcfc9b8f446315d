import { Module } from '@nestjs/common';
import { RedisModule } from '@app/redis';
import { BackupArtifactsService } from './artifacts/backup-artifacts.service';
import { FilesArchiveWriter } from './artifacts/files-archive.writer';
import { PostgresDumpWriter } from './artifacts/postgres-dump.writer';
import { RedisSnapshotWriter } from './artifacts/redis-snapshot.writer';
import { BackupPipeline } from './backup-pipeline.service';
import { BackupService } from './backup.service';
import { BackupEvents } from './events/backup-events.service';
import { SlackNotifier } from './events/slack-notifier.service';
import { RedisLockService } from './lock/redis-lock.service';
import { BackupRecordsService } from './records/backup-records.service';
import { BackupReporter } from './records/backup-reporter.service';
import { BackupRestoreService } from './restore/backup-restore.service';
import { DatabaseRestorer } from './restore/database-restorer.service';
import { FilesRestorer } from './restore/files-restorer.service';
import { BackupRetentionService } from './retention/backup-retention.service';
import { BackupScheduler } from './schedule/backup-scheduler.service';
import { BackupCatalog } from './storage/backup-catalog.service';
import { BackupLocalStore } from './storage/backup-local-store.service';
import { BackupPublisher } from './storage/backup-publisher.service';
import { BackupS3Service } from './storage/backup-s3.service';
import { ArtifactVerifier } from './verify/artifact-verifier.service';
import { BackupVerificationService } from './verify/backup-verification.service';

/**
 * Backups: scheduled (when the app also imports ScheduleModule.forRoot(), as the API does) and on
 * demand (the CLI). Needs AppConfigModule (global) in the application; reaches PostgreSQL through
 * DATABASE_URL with node-postgres and the tools (see BackupRecordsService for why not Prisma).
 */
@Module({
  imports: [RedisModule],
  providers: [
    BackupService,
    BackupPipeline,
    BackupScheduler,
    BackupArtifactsService,
    PostgresDumpWriter,
    RedisSnapshotWriter,
    FilesArchiveWriter,
    ArtifactVerifier,
    BackupVerificationService,
    BackupLocalStore,
    BackupS3Service,
    BackupPublisher,
    BackupCatalog,
    BackupRetentionService,
    BackupRecordsService,
    BackupReporter,
    BackupEvents,
    SlackNotifier,
    RedisLockService,
    BackupRestoreService,
    DatabaseRestorer,
    FilesRestorer,
  ],
  exports: [
    BackupService,
    BackupScheduler,
    BackupCatalog,
    BackupVerificationService,
    BackupRestoreService,
    BackupRetentionService,
    BackupRecordsService,
    BackupEvents,
  ],
})
export class BackupModule {}

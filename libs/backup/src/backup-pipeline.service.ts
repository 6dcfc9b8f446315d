import { Injectable, Logger } from '@nestjs/common';
import { AppConfig } from '@app/config';
import { errorMessage } from '@app/common';
import { BackupVerificationError } from './backup.errors';
import { BackupArtifactsService } from './artifacts/backup-artifacts.service';
import { PostgresSnapshot } from './artifacts/postgres-snapshot';
import { BackupManifest, totalSize } from './manifest/backup-manifest';
import { RunContext } from './records/backup-reporter.service';
import { BackupLocalStore } from './storage/backup-local-store.service';
import { BackupPublisher } from './storage/backup-publisher.service';
import { ArtifactVerifier } from './verify/artifact-verifier.service';

export interface PipelineResult {
  location: string;
  s3Uri: string | null;
  sizeBytes: number;
  manifest: BackupManifest;
}

/**
 * The steps of one run: snapshot → artifacts + manifest (in <id>.partial) → verify → rename to <id> →
 * S3 + retention. On any failure, what the run wrote locally is removed (S3 cleans its own upload),
 * so a folder named like a backup id is always a complete, verified backup.
 */
@Injectable()
export class BackupPipeline {
  private readonly logger = new Logger(BackupPipeline.name);

  constructor(
    private readonly config: AppConfig,
    private readonly local: BackupLocalStore,
    private readonly artifacts: BackupArtifactsService,
    private readonly verifier: ArtifactVerifier,
    private readonly publisher: BackupPublisher,
  ) {}

  /** `onStarted` runs once the database snapshot exists (the run's record is written then). */
  async execute(run: RunContext, signal: AbortSignal, onStarted: () => Promise<void>): Promise<PipelineResult> {
    try {
      const partial = await this.local.startPartial(run.id);
      // The record is written once the snapshot exists, so the dump never holds its own RUNNING row.
      const snapshot = await PostgresSnapshot.open(this.config.database.DATABASE_URL);
      let created: Awaited<ReturnType<BackupArtifactsService['create']>>;
      try {
        await onStarted();
        created = await this.artifacts.create(partial, { ...run, snapshot, signal });
      } finally {
        await snapshot.close();
      }
      const { manifest, manifestBytes } = created;
      const written = Date.now();
      this.logger.log({ backupId: run.id, ms: written - run.startedAt.getTime() }, 'Artifacts written; verifying');
      const problems = await this.verifier.verify(partial, manifest);
      if (problems.length) throw new BackupVerificationError(run.id, problems);
      this.logger.log({ backupId: run.id, ms: Date.now() - written }, 'Artifacts verified');
      signal.throwIfAborted();
      const location = await this.local.finalize(run.id);
      const s3Uri = await this.publisher.publish(run.id, location, manifest, signal);
      return { location, s3Uri, sizeBytes: totalSize(manifest, manifestBytes), manifest };
    } catch (error) {
      await this.local
        .remove(run.id)
        .catch((cleanup: unknown) =>
          this.logger.warn({ backupId: run.id, err: errorMessage(cleanup) }, 'Could not remove the failed backup folder'),
        );
      throw signal.aborted ? (signal.reason ?? error) : error;
    }
  }
}

import { Injectable, Logger } from '@nestjs/common';
import { readLocalMigrations } from '@app/database';
import { BackupVerificationError } from '../backup.errors';
import { readManifest } from '../manifest/backup-manifest';
import { BackupCatalog } from '../storage/backup-catalog.service';
import { maskUrl } from '../util/pg-url.util';
import { ArtifactVerifier } from '../verify/artifact-verifier.service';
import { DatabaseRestorer } from './database-restorer.service';
import { FilesRestorer } from './files-restorer.service';

export interface RestoreOptions {
  targetDatabaseUrl?: string;
  targetUploadDir?: string;
  force?: boolean;
}

export interface TableComparison {
  table: string;
  expected: number;
  restored: number;
}

export interface RestoreReport {
  id: string;
  database: { name: string; url: string; action: string };
  files: { dir: string; count: number; bytes: number; expectedCount: number };
  tables: TableComparison[];
  migrationHead: string | null;
  /** The newest migration this release ships; differs from the backup's when `migrate` should follow. */
  codeMigrationHead: string | null;
  ok: boolean;
}

/**
 * `backup restore <id>`: check both targets (refusing before touching anything), verify the backup,
 * load the dump, extract the files, and compare every table's row count with the manifest.
 * redis.rdb is not loaded: it needs the Redis server stopped (see the report's hint).
 */
@Injectable()
export class BackupRestoreService {
  private readonly logger = new Logger(BackupRestoreService.name);

  constructor(
    private readonly catalog: BackupCatalog,
    private readonly verifier: ArtifactVerifier,
    private readonly database: DatabaseRestorer,
    private readonly files: FilesRestorer,
  ) {}

  async restore(id: string, options: RestoreOptions = {}): Promise<RestoreReport> {
    const dir = await this.catalog.locate(id);
    const manifest = await readManifest(dir);
    // Refusals first (they change nothing), then the full check, then the first write.
    const databasePlan = await this.database.plan(id, options);
    const filesPlan = await this.files.plan(id, { ...options, liveDatabase: databasePlan.live });
    const problems = await this.verifier.verify(dir, manifest);
    if (problems.length) throw new BackupVerificationError(id, problems);
    this.logger.log({ backupId: id, database: databasePlan.name, action: databasePlan.action, uploadDir: filesPlan.dir }, 'Restoring');

    const counts = await this.database.restore(databasePlan, dir, manifest);
    const restoredFiles = await this.files.restore(filesPlan, dir);
    const tables = Object.entries(manifest.rowCounts).map(([table, expected]) => ({ table, expected, restored: counts[table] ?? -1 }));
    return {
      id,
      database: { name: databasePlan.name, url: maskUrl(databasePlan.url), action: databasePlan.action },
      files: { dir: filesPlan.dir, ...restoredFiles, expectedCount: manifest.files.count },
      tables,
      migrationHead: manifest.migrationHead,
      codeMigrationHead: readLocalMigrations().at(-1)?.name ?? null,
      ok: tables.every((table) => table.expected === table.restored) && restoredFiles.count === manifest.files.count,
    };
  }
}

import { Injectable, Logger } from '@nestjs/common';
import { mkdir, rename } from 'node:fs/promises';
import { BackupRecord } from '@app/database';
import { MANIFEST_FILE } from '../backup.constants';
import { errorMessage } from '@app/common';
import { BackupRecordsService } from '../records/backup-records.service';
import { isBackupId } from '../util/backup-id.util';
import { removeDir } from '../util/fs.util';
import { BackupLocalStore } from './backup-local-store.service';
import { BackupS3Service } from './backup-s3.service';

export interface CatalogEntry {
  id: string;
  /** From backup_records; null for a backup this database has no record of (e.g. made elsewhere). */
  record: BackupRecord | null;
  local: boolean;
  s3: boolean;
}

/** Where backups are: the records, BACKUP_DIR and S3 merged; fetches a backup from S3 when it is not local. */
@Injectable()
export class BackupCatalog {
  private readonly logger = new Logger(BackupCatalog.name);

  constructor(
    private readonly local: BackupLocalStore,
    private readonly s3: BackupS3Service,
    private readonly records: BackupRecordsService,
  ) {}

  /** Newest first. Sources that cannot be read are reported in `warnings` instead of failing the list. */
  async list(): Promise<{ entries: CatalogEntry[]; warnings: string[] }> {
    const warnings: string[] = [];
    const [records, local, s3] = await Promise.all([
      this.records.list().catch((error: unknown) => (warnings.push(`backup_records unreadable: ${errorMessage(error)}`), [])),
      this.local.list().catch((error: unknown) => (warnings.push(`${this.local.root} unreadable: ${errorMessage(error)}`), [])),
      this.s3.enabled
        ? this.s3.list().catch((error: unknown) => (warnings.push(`S3 unreachable: ${errorMessage(error)}`), new Map()))
        : new Map<string, Set<string>>(),
    ]);
    const ids = new Set([
      ...records.map((record) => record.id),
      ...local.filter((backup) => backup.complete).map((backup) => backup.id),
      ...s3.keys(),
    ]);
    const entries = [...ids]
      .sort((a, b) => b.localeCompare(a))
      .map((id) => ({
        id,
        record: records.find((record) => record.id === id) ?? null,
        local: local.some((backup) => backup.id === id && backup.complete),
        s3: Boolean(s3.get(id)?.has(MANIFEST_FILE)),
      }));
    return { entries, warnings };
  }

  /** The backup's local folder, downloading it from S3 first when only S3 has it. */
  async locate(id: string): Promise<string> {
    if (!isBackupId(id)) throw new Error(`"${id}" is not a backup id (they look like 2026-11-25T02-00-00-000Z; see \`backup list\`)`);
    if (this.local.exists(id)) return this.local.dir(id);
    if (this.s3.enabled && (await this.s3.list()).get(id)?.has(MANIFEST_FILE)) return this.download(id);
    throw new Error(`backup ${id} not found in ${this.local.root}${this.s3.enabled ? ` nor in ${this.s3.uri(id)}` : ''}`);
  }

  private async download(id: string): Promise<string> {
    const staging = `${this.local.dir(id)}.download`;
    this.logger.log({ backupId: id }, 'Downloading the backup from S3');
    await removeDir(staging);
    await mkdir(staging, { recursive: true });
    try {
      await this.s3.download(id, staging);
      await rename(staging, this.local.dir(id));
      return this.local.dir(id);
    } catch (error) {
      await removeDir(staging);
      throw error;
    }
  }
}

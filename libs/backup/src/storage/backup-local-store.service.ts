import { Injectable } from '@nestjs/common';
import { existsSync } from 'node:fs';
import { mkdir, readdir, rename } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { AppConfig } from '@app/config';
import { MANIFEST_FILE, PARTIAL_SUFFIX } from '../backup.constants';
import { isBackupId } from '../util/backup-id.util';
import { removeDir } from '../util/fs.util';

export interface LocalBackup {
  id: string;
  dir: string;
  /** manifest.json present: every artifact was written (and verified before the folder got its name). */
  complete: boolean;
}

/**
 * BACKUP_DIR/<id>/: a run writes into <id>.partial and renames it once verified, so a folder named
 * like a backup id is always a finished backup; partial folders left by a crash are swept by the next run.
 */
@Injectable()
export class BackupLocalStore {
  constructor(private readonly config: AppConfig) {}

  get root(): string {
    return resolve(this.config.backup.BACKUP_DIR);
  }

  dir(id: string): string {
    return join(this.root, id);
  }

  partialDir(id: string): string {
    return join(this.root, `${id}${PARTIAL_SUFFIX}`);
  }

  exists(id: string): boolean {
    return isBackupId(id) && existsSync(join(this.dir(id), MANIFEST_FILE));
  }

  /** A fresh partial folder for a run; any other partial folder is stale (the caller holds the run lock). */
  async startPartial(id: string): Promise<string> {
    await mkdir(this.root, { recursive: true });
    for (const entry of await readdir(this.root)) if (entry.endsWith(PARTIAL_SUFFIX)) await removeDir(join(this.root, entry));
    const dir = this.partialDir(id);
    await mkdir(dir);
    return dir;
  }

  async finalize(id: string): Promise<string> {
    if (existsSync(this.dir(id))) throw new Error(`${this.dir(id)} already exists`);
    await rename(this.partialDir(id), this.dir(id));
    return this.dir(id);
  }

  async list(): Promise<LocalBackup[]> {
    const entries = await readdir(this.root, { withFileTypes: true }).catch((error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT') return [];
      throw error;
    });
    return entries
      .filter((entry) => entry.isDirectory() && isBackupId(entry.name))
      .map((entry) => ({ id: entry.name, dir: this.dir(entry.name), complete: existsSync(join(this.dir(entry.name), MANIFEST_FILE)) }))
      .sort((a, b) => a.id.localeCompare(b.id));
  }

  async remove(id: string): Promise<void> {
    await Promise.all([removeDir(this.dir(id)), removeDir(this.partialDir(id))]);
  }
}

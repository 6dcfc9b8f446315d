import { Injectable } from '@nestjs/common';
import { mkdir, readdir } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { AppConfig } from '@app/config';
import { FILES_ARTIFACT } from '../backup.constants';
import { RestoreRefusedError } from '../backup.errors';
import { UPLOADS_ENTRY } from '../artifacts/files-archive.writer';
import { isEmptyDir, removeDir } from '../util/fs.util';
import { tarLib } from '../util/tar-lib.util';
import { defaultRestoreUploadDir } from './restore-names.util';

export interface FilesRestorePlan {
  dir: string;
  live: boolean;
  /** The directory holds files that --force allows to be replaced. */
  replace: boolean;
}

/**
 * Extracts files.tar.gz's uploads into a target directory: beside the live UPLOAD_DIR by default, into
 * UPLOAD_DIR itself when the live database is being replaced (--force), or --target-upload-dir.
 * A directory that already holds files is only replaced with --force.
 */
@Injectable()
export class FilesRestorer {
  constructor(private readonly config: AppConfig) {}

  async plan(backupId: string, options: { targetUploadDir?: string; force?: boolean; liveDatabase: boolean }): Promise<FilesRestorePlan> {
    const liveDir = resolve(this.config.upload.UPLOAD_DIR);
    const dir = options.targetUploadDir
      ? resolve(options.targetUploadDir)
      : options.liveDatabase
        ? liveDir
        : defaultRestoreUploadDir(liveDir, backupId);
    const empty = await isEmptyDir(dir);
    if (!empty && !options.force)
      throw new RestoreRefusedError(`the target upload directory ${dir} is not empty; pass --force to replace its contents`);
    return { dir, live: dir === liveDir, replace: !empty };
  }

  async restore(plan: FilesRestorePlan, backupDir: string): Promise<{ count: number; bytes: number }> {
    // Empty the directory rather than remove it: it may be a mount point.
    if (plan.replace) for (const entry of await readdir(plan.dir)) await removeDir(join(plan.dir, entry));
    await mkdir(plan.dir, { recursive: true });
    const restored = { count: 0, bytes: 0 };
    await tarLib().extract({
      file: join(backupDir, FILES_ARTIFACT),
      cwd: plan.dir,
      strip: 1,
      filter: (path) => path === `${UPLOADS_ENTRY}/` || path.startsWith(`${UPLOADS_ENTRY}/`),
      onReadEntry: (entry) => {
        if (entry.type === 'File') {
          restored.count++;
          restored.bytes += entry.size;
        }
      },
    });
    return restored;
  }
}

import { Injectable } from '@nestjs/common';
import { createWriteStream } from 'node:fs';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { createGzip } from 'node:zlib';
import { AppConfig } from '@app/config';
import { FILES_ARTIFACT } from '../backup.constants';
import { BackupError } from '../backup.errors';
import { ArtifactEntry, FilesSummary } from '../manifest/backup-manifest';
import { DigestStream } from '../util/digest-stream.util';
import { describeWriteError } from '../util/fs.util';
import { tarLib } from '../util/tar-lib.util';

/** Top-level folder of the uploads inside files.tar.gz. */
export const UPLOADS_ENTRY = 'uploads';

/**
 * files.tar.gz: the uploads directory under `uploads/`. tar packs (streaming, no buffering) and Node's
 * zlib compresses on the thread pool, so a large upload tree never blocks the event loop of the API
 * process running a scheduled backup.
 */
@Injectable()
export class FilesArchiveWriter {
  constructor(private readonly config: AppConfig) {}

  async write(dir: string, signal: AbortSignal): Promise<ArtifactEntry & { summary: FilesSummary }> {
    const source = resolve(this.config.upload.UPLOAD_DIR);
    const existed = await stat(source).then(
      (s) => s.isDirectory(),
      () => false,
    );
    // A fresh install has no uploads yet: archive an empty folder so the artifact is still a valid tar.
    const packFrom = existed ? source : await mkdtemp(join(tmpdir(), 'wp-backup-empty-'));
    const path = join(dir, FILES_ARTIFACT);
    const summary: FilesSummary = { sources: [{ name: UPLOADS_ENTRY, dir: source, existed }], count: 0, bytes: 0 };
    const digest = new DigestStream();
    try {
      const pack = tarLib().create(
        {
          cwd: packFrom,
          prefix: UPLOADS_ENTRY,
          portable: true,
          filter: (_path, entry) => {
            if ('isFile' in entry && entry.isFile()) {
              summary.count++;
              summary.bytes += entry.size;
            }
            return true;
          },
        },
        ['.'],
      );
      await pipeline(pack, createGzip({ level: 6 }), digest, createWriteStream(path), { signal });
    } catch (error) {
      throw new BackupError(FILES_ARTIFACT, describeWriteError(error, path), { cause: error });
    } finally {
      if (!existed) await rm(packFrom, { recursive: true, force: true });
    }
    return { file: FILES_ARTIFACT, size: digest.bytes, sha256: digest.digest(), summary };
  }
}

import { Injectable } from '@nestjs/common';
import { createWriteStream } from 'node:fs';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { createGzip } from 'node:zlib';
import { AppConfig } from '@app/config';
import { POSTGRES_ARTIFACT } from '../backup.constants';
import { BackupError } from '../backup.errors';
import { ArtifactEntry } from '../manifest/backup-manifest';
import { DigestStream, EdgeSniffer } from '../util/digest-stream.util';
import { describeWriteError } from '../util/fs.util';
import { libpqEnv } from '../util/pg-url.util';
import { settleWithTool, ToolProcess } from '../util/tool-process.util';
import { dumpEdgeProblems } from './dump-format.util';

/** zlib's default level, the same as `gzip` on the command line; larger chunks mean fewer hops. */
const GZIP_OPTIONS = { level: 6, chunkSize: 256 * 1024 };
const WRITE_BUFFER_BYTES = 1024 * 1024;

/**
 * postgres.sql.gz: `pg_dump --format=plain` streamed through zlib into the file and hashed on the way;
 * memory stays flat whatever the database size. Ownership and grants are left out so the dump
 * restores as whichever role runs the restore.
 */
@Injectable()
export class PostgresDumpWriter {
  constructor(private readonly config: AppConfig) {}

  async write(dir: string, snapshotId: string, signal: AbortSignal): Promise<ArtifactEntry> {
    const path = join(dir, POSTGRES_ARTIFACT);
    const dump = new ToolProcess('pg_dump', ['--format=plain', '--no-owner', '--no-privileges', `--snapshot=${snapshotId}`], {
      env: libpqEnv(this.config.database.DATABASE_URL),
      stdout: true,
      signal,
      installHint: 'install the PostgreSQL client tools matching the server major version, e.g. postgresql-client-15',
    });
    const edges = new EdgeSniffer();
    const digest = new DigestStream();
    const streams = pipeline(
      dump.child.stdout!,
      edges,
      createGzip(GZIP_OPTIONS),
      digest,
      createWriteStream(path, { highWaterMark: WRITE_BUFFER_BYTES }),
      { signal },
    );
    try {
      await settleWithTool(streams, dump);
    } catch (error) {
      throw error instanceof BackupError ? error : new BackupError(POSTGRES_ARTIFACT, describeWriteError(error, path), { cause: error });
    }
    const problems = dumpEdgeProblems(edges.head, edges.tail);
    if (problems.length) throw new BackupError(POSTGRES_ARTIFACT, problems.join('; '));
    return { file: POSTGRES_ARTIFACT, size: digest.bytes, sha256: digest.digest() };
  }
}

import { Injectable } from '@nestjs/common';
import { hostname } from 'node:os';
import { APP_VERSION } from '@app/config';
import { MANIFEST_FORMAT_VERSION } from '../backup.constants';
import { BackupManifest, writeManifest } from '../manifest/backup-manifest';
import { toolOutput } from '../util/tool-process.util';
import { FilesArchiveWriter } from './files-archive.writer';
import { PostgresDumpWriter } from './postgres-dump.writer';
import { PostgresSnapshot } from './postgres-snapshot';
import { RedisSnapshotWriter } from './redis-snapshot.writer';

export interface ArtifactsRequest {
  id: string;
  trigger: BackupManifest['trigger'];
  startedAt: Date;
  snapshot: PostgresSnapshot;
  signal: AbortSignal;
}

/**
 * Writes the three artifacts into one folder concurrently (the Redis snapshot and the files archive
 * run while pg_dump streams), then manifest.json. The first failure cancels the others, and this
 * returns only once every writer has stopped, so the caller can delete the folder safely.
 */
@Injectable()
export class BackupArtifactsService {
  constructor(
    private readonly postgres: PostgresDumpWriter,
    private readonly redis: RedisSnapshotWriter,
    private readonly files: FilesArchiveWriter,
  ) {}

  async create(dir: string, request: ArtifactsRequest): Promise<{ manifest: BackupManifest; manifestBytes: number }> {
    const controller = new AbortController();
    const cancel = () => controller.abort(request.signal.reason);
    request.signal.addEventListener('abort', cancel, { once: true });
    // The cause is the first failure in time; the others are only its cancellations.
    let cause: unknown;
    const failFast = <T>(task: Promise<T>) =>
      task.catch((error: unknown) => {
        if (!controller.signal.aborted) {
          cause = error;
          controller.abort(error);
        }
        throw error;
      });
    try {
      const tasks = [
        failFast(this.postgres.write(dir, request.snapshot.snapshotId, controller.signal)),
        failFast(request.snapshot.facts()),
        failFast(this.redis.write(dir, controller.signal)),
        failFast(this.files.write(dir, controller.signal)),
        failFast(toolVersions()),
      ] as const;
      const settled = await Promise.allSettled(tasks);
      const failure = settled.find((result) => result.status === 'rejected');
      if (failure) throw cause ?? request.signal.reason ?? failure.reason;
      const [postgres, facts, redis, files, tools] = await Promise.all(tasks);
      const manifest: BackupManifest = {
        formatVersion: MANIFEST_FORMAT_VERSION,
        id: request.id,
        trigger: request.trigger,
        host: hostname(),
        appVersion: APP_VERSION,
        migrationHead: facts.migrationHead,
        startedAt: request.startedAt.toISOString(),
        finishedAt: new Date().toISOString(),
        artifacts: [postgres, redis, files].map(({ file, size, sha256 }) => ({ file, size, sha256 })),
        rowCounts: facts.rowCounts,
        database: { name: facts.name, serverVersion: facts.serverVersion, encoding: facts.encoding },
        redis: { serverVersion: redis.serverVersion },
        files: files.summary,
        tools,
      };
      return { manifest, manifestBytes: await writeManifest(dir, manifest) };
    } finally {
      request.signal.removeEventListener('abort', cancel);
    }
  }
}

async function toolVersions(): Promise<Record<string, string>> {
  const [pgDump, redisCli] = await Promise.all([
    toolOutput('pg_dump', ['--version']).catch(() => 'unknown'),
    toolOutput('redis-cli', ['--version']).catch(() => 'unknown'),
  ]);
  return { pg_dump: pgDump, 'redis-cli': redisCli, node: process.version, zlib: process.versions.zlib ?? 'unknown' };
}

import { Injectable } from '@nestjs/common';
import { createReadStream } from 'node:fs';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { AppConfig } from '@app/config';
import { RedisService, redisUrlOptions } from '@app/redis';
import { REDIS_ARTIFACT } from '../backup.constants';
import { errorMessage } from '@app/common';
import { BackupError } from '../backup.errors';
import { ArtifactEntry } from '../manifest/backup-manifest';
import { discard, DigestStream } from '../util/digest-stream.util';
import { whenRedisReady } from '../util/redis-ready.util';
import { ToolProcess } from '../util/tool-process.util';

/**
 * redis.rdb: `redis-cli --rdb` asks the server for a replication snapshot (a fork on its side, a
 * consistent point in time) and streams it here, so it works against a remote or managed Redis where
 * BGSAVE's file is out of reach.
 */
@Injectable()
export class RedisSnapshotWriter {
  constructor(
    private readonly config: AppConfig,
    private readonly redis: RedisService,
  ) {}

  async write(dir: string, signal: AbortSignal): Promise<ArtifactEntry & { serverVersion: string | null }> {
    const serverVersion = await this.serverVersion();
    const path = join(dir, REDIS_ARTIFACT);
    const { host, port, username, password, tls } = redisUrlOptions(this.config.redis.REDIS_URL);
    const args = [
      '-h',
      String(host),
      '-p',
      String(port),
      ...(username ? ['--user', username] : []),
      ...(tls ? ['--tls'] : []),
      '--rdb',
      path,
    ];
    // The password goes through the environment, never argv (visible in `ps`).
    const { REDISCLI_AUTH: _inherited, ...env } = process.env;
    if (password) env.REDISCLI_AUTH = password;
    const cli = new ToolProcess('redis-cli', args, { env, signal, installHint: 'install redis-tools (redis-cli)' });
    await cli.finished;
    const digest = new DigestStream();
    await pipeline(createReadStream(path), digest, discard());
    if (digest.bytes === 0)
      throw new BackupError(REDIS_ARTIFACT, `redis-cli wrote an empty snapshot${cli.stderr ? `: ${cli.stderr}` : ''}`);
    return { file: REDIS_ARTIFACT, size: digest.bytes, sha256: digest.digest(), serverVersion };
  }

  /** Also the early, clear failure when Redis is down (redis-cli alone could hang on a dead host). */
  private async serverVersion(): Promise<string | null> {
    try {
      await whenRedisReady(this.redis.client, this.config.redis.REDIS_CONNECT_TIMEOUT_MS + 1_000);
      const info = await this.redis.client.info('server');
      return /redis_version:(\S+)/.exec(info)?.[1] ?? null;
    } catch (error) {
      throw new BackupError('redis', errorMessage(error), { cause: error });
    }
  }
}

import { IsString, Matches } from 'class-validator';
import { EnvInt } from './env-decorators';

export class RedisEnv {
  @IsString()
  @Matches(/^rediss?:\/\//, { message: 'REDIS_URL must be a redis:// or rediss:// URL' })
  REDIS_URL = 'redis://127.0.0.1:6379';

  /** Prefix of every key the platform writes, so several deployments can share one Redis. */
  @IsString()
  REDIS_KEY_PREFIX = 'wp:';

  @EnvInt(50, 60_000)
  REDIS_COMMAND_TIMEOUT_MS = 1_000;

  @EnvInt(100, 60_000)
  REDIS_CONNECT_TIMEOUT_MS = 2_000;
}

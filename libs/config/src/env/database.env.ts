import { IsString, Matches } from 'class-validator';
import { EnvBoolean, EnvInt } from './env-decorators';

export const DEV_DATABASE_URL = 'postgresql://postgres@127.0.0.1:5432/workflow_platform';

export class DatabaseEnv {
  @IsString()
  @Matches(/^postgres(ql)?:\/\//, {
    message: 'DATABASE_URL must be a postgresql:// URL',
  })
  DATABASE_URL = DEV_DATABASE_URL;

  @EnvInt(1, 500)
  DATABASE_POOL_MAX = 10;

  @EnvInt(0, 3_600_000)
  DATABASE_POOL_IDLE_TIMEOUT_MS = 10_000;

  @EnvInt(100, 120_000)
  DATABASE_CONNECT_TIMEOUT_MS = 5_000;

  @EnvInt(0, 3_600_000)
  DATABASE_STATEMENT_TIMEOUT_MS = 30_000;

  /** Create the database named in DATABASE_URL when it does not exist (needs CREATEDB). */
  @EnvBoolean()
  DATABASE_CREATE_IF_MISSING = true;

  /** Apply pending migrations when the API starts; production uses the migrate Job instead. */
  @EnvBoolean()
  MIGRATE_ON_START = true;
}

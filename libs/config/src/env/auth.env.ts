import { IsOptional, IsString, Matches } from 'class-validator';
import { EnvInt } from './env-decorators';

export const DEFAULT_DEV_SECRETS_FILE = './data/dev-secrets.json';

/**
 * JWT_SECRET and ENCRYPTION_KEY have no default: production requires them, and elsewhere an unset one is
 * generated once into DEV_SECRETS_FILE (see dev-secrets.ts), so they are always set after validation.
 */
export class AuthEnv {
  @IsOptional()
  @IsString()
  JWT_SECRET!: string;

  @Matches(/^\d+[smhd]?$/, { message: 'JWT_EXPIRES_IN must look like 900, 15m, 12h or 7d' })
  JWT_EXPIRES_IN = '1h';

  @IsString()
  JWT_ISSUER = 'workflow-platform';

  /** 32 bytes, as 64 hex characters or base64: the AES-256-GCM key for secrets stored in the database. */
  @IsOptional()
  @IsString()
  ENCRYPTION_KEY!: string;

  /** Outside production only: where generated JWT_SECRET / ENCRYPTION_KEY are kept (git-ignored, mode 0600). */
  @IsString()
  DEV_SECRETS_FILE = DEFAULT_DEV_SECRETS_FILE;

  @EnvInt(8, 128)
  PASSWORD_MIN_LENGTH = 10;
}

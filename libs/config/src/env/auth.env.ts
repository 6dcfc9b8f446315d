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

  /**
   * Keys sealing the credentials vault, `id:<64 hex>` comma-separated, the first one current (older ones
   * only decrypt, until `cli credentials rotate`). Unset outside production: one key derived from ENCRYPTION_KEY.
   */
  @IsOptional()
  @Matches(/^\s*[A-Za-z0-9_-]{1,16}:[0-9a-fA-F]{64}\s*(,\s*[A-Za-z0-9_-]{1,16}:[0-9a-fA-F]{64}\s*)*$/, {
    message: 'CREDENTIALS_KEYS must be a comma-separated list of id:<64 hex chars>, e.g. k2:<hex>,k1:<hex> (first = current)',
  })
  CREDENTIALS_KEYS?: string;

  /** Outside production only: where generated JWT_SECRET / ENCRYPTION_KEY are kept (git-ignored, mode 0600). */
  @IsString()
  DEV_SECRETS_FILE = DEFAULT_DEV_SECRETS_FILE;

  @EnvInt(8, 128)
  PASSWORD_MIN_LENGTH = 10;

  /** Browser sessions (refresh cookie): absolute lifetime from sign-in, whatever the activity. */
  @EnvInt(1, 365)
  SESSION_TTL_DAYS = 30;

  /** Browser sessions: a refresh token not used for this long stops working. */
  @EnvInt(1, 365)
  SESSION_IDLE_DAYS = 7;
}

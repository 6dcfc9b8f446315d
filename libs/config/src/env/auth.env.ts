import { IsString, Matches } from 'class-validator';
import { EnvInt } from './env-decorators';

// Development-only values: the production rules refuse them by name.
export const DEV_JWT_SECRET = 'dev-only-jwt-secret-do-not-use-in-production-0123456789';
export const DEV_ENCRYPTION_KEY = '00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff';

export class AuthEnv {
  @IsString()
  JWT_SECRET = DEV_JWT_SECRET;

  @Matches(/^\d+[smhd]?$/, { message: 'JWT_EXPIRES_IN must look like 900, 15m, 12h or 7d' })
  JWT_EXPIRES_IN = '1h';

  @IsString()
  JWT_ISSUER = 'workflow-platform';

  /** 32 bytes, as 64 hex characters or base64: the AES-256-GCM key for secrets stored in the database. */
  @IsString()
  ENCRYPTION_KEY = DEV_ENCRYPTION_KEY;

  @EnvInt(8, 128)
  PASSWORD_MIN_LENGTH = 10;
}

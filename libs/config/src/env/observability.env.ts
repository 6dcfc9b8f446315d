import { IsIn, IsOptional, IsString } from 'class-validator';
import { EnvBoolean, EnvNumber } from './env-decorators';

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

export const LOG_FORMATS = ['pretty', 'json'] as const;
export type LogFormat = (typeof LOG_FORMATS)[number];

export class ObservabilityEnv {
  @IsIn(LOG_LEVELS, { message: `LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')}` })
  LOG_LEVEL: LogLevel = 'info';

  /** Unset: `json` in production, `pretty` (one readable line per entry) everywhere else. */
  @IsOptional()
  @IsIn(LOG_FORMATS, { message: `LOG_FORMAT must be one of ${LOG_FORMATS.join(', ')}` })
  LOG_FORMAT?: LogFormat;

  @IsOptional()
  @IsString()
  SENTRY_DSN?: string;

  /** The web console's own DSN (a browser DSN is public by design): served to it in /app/config.json. */
  @IsOptional()
  @IsString()
  SENTRY_WEB_DSN?: string;

  @IsOptional()
  @IsString()
  SENTRY_ENVIRONMENT?: string;

  @EnvNumber(0, 1)
  SENTRY_TRACES_SAMPLE_RATE = 0;

  @EnvBoolean()
  METRICS_ENABLED = true;

  /** When set, GET /metrics requires `Authorization: Bearer <token>`. */
  @IsOptional()
  @IsString()
  METRICS_TOKEN?: string;
}

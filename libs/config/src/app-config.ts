import { AuthEnv } from './env/auth.env';
import { BackupEnv } from './env/backup.env';
import { DatabaseEnv } from './env/database.env';
import { ExecutionEnv } from './env/execution.env';
import { NotificationEnv } from './env/notification.env';
import { ObservabilityEnv } from './env/observability.env';
import { RedisEnv } from './env/redis.env';
import { ServerEnv } from './env/server.env';
import { SmtpEnv } from './env/smtp.env';
import { ThrottleEnv } from './env/throttle.env';
import { UploadEnv } from './env/upload.env';

/** Every section of the environment, in the order the setup guide and README list them. */
export const ENV_SECTIONS = {
  server: ServerEnv,
  database: DatabaseEnv,
  redis: RedisEnv,
  auth: AuthEnv,
  observability: ObservabilityEnv,
  throttle: ThrottleEnv,
  execution: ExecutionEnv,
  upload: UploadEnv,
  backup: BackupEnv,
  smtp: SmtpEnv,
  notification: NotificationEnv,
} as const;

export type EnvSections = { [K in keyof typeof ENV_SECTIONS]: InstanceType<(typeof ENV_SECTIONS)[K]> };

/** The validated, typed configuration; injected wherever a setting is needed. */
export class AppConfig implements EnvSections {
  readonly server!: ServerEnv;
  readonly database!: DatabaseEnv;
  readonly redis!: RedisEnv;
  readonly auth!: AuthEnv;
  readonly observability!: ObservabilityEnv;
  readonly throttle!: ThrottleEnv;
  readonly execution!: ExecutionEnv;
  readonly upload!: UploadEnv;
  readonly backup!: BackupEnv;
  readonly smtp!: SmtpEnv;
  readonly notification!: NotificationEnv;

  constructor(sections: EnvSections) {
    Object.assign(this, sections);
  }

  get isProduction(): boolean {
    return this.server.NODE_ENV === 'production';
  }

  /** All settings as one flat NAME -> value map (what @nestjs/config's ConfigService serves). */
  flatten(): Record<string, unknown> {
    return Object.assign({}, ...Object.values(this as unknown as EnvSections));
  }
}

import { IsOptional, IsString } from 'class-validator';
import { EnvBoolean, EnvInt, EnvList } from './env-decorators';

export class NotificationEnv {
  /** Delivery attempts per notification (email, Slack, webhook); after the last it stays FAILED. */
  @EnvInt(1, 20)
  NOTIFICATION_MAX_ATTEMPTS = 5;

  /** Delay before the first retry; it doubles on every further attempt (exponential backoff). */
  @EnvInt(10)
  NOTIFICATION_BACKOFF_MS = 30_000;

  /** Time limit of one delivery attempt (the HTTP request or the SMTP conversation). */
  @EnvInt(100)
  NOTIFICATION_SEND_TIMEOUT_MS = 10_000;

  /** Deliveries one worker process sends at once. */
  @EnvInt(1, 100)
  NOTIFICATION_WORKER_CONCURRENCY = 5;

  /** How often notifications that could not be queued (Redis down) or lost their queued retry are queued again. */
  @EnvInt(100)
  NOTIFICATION_SWEEP_INTERVAL_MS = 60_000;

  /** Hosts or CIDRs that Slack and webhook channels may reach although they are private or loopback (SSRF guard). */
  @EnvList()
  @IsString({ each: true })
  NOTIFICATION_ALLOWED_HOSTS: string[] = [];

  /** How often alert rules are evaluated (once per interval across all worker processes). */
  @EnvInt(1, 86_400)
  ALERT_EVALUATION_INTERVAL_SECONDS = 60;

  /**
   * Web Push (the PUSH channel). Unset: on when the VAPID keys are set — outside production they are
   * generated into DEV_SECRETS_FILE, so always; in production only with explicit keys.
   */
  @IsOptional()
  @EnvBoolean()
  WEB_PUSH_ENABLED?: boolean;

  /** The VAPID key pair (base64url: the uncompressed P-256 public point, 65 bytes; the private scalar, 32 bytes). */
  @IsOptional()
  @IsString()
  VAPID_PUBLIC_KEY?: string;

  @IsOptional()
  @IsString()
  VAPID_PRIVATE_KEY?: string;

  /** Who push services may contact about this sender: a mailto: or https: URL. Unset: PUBLIC_BASE_URL when https. */
  @IsOptional()
  @IsString()
  VAPID_SUBJECT?: string;
}

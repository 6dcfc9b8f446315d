import { IsString } from 'class-validator';
import { EnvInt, EnvList } from './env-decorators';

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
}

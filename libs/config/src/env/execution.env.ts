import { IsString } from 'class-validator';
import { EnvInt, EnvList } from './env-decorators';

export class ExecutionEnv {
  @EnvInt(1_000)
  EXECUTION_TIMEOUT_MS = 300_000;

  @EnvInt(100)
  NODE_TIMEOUT_MS = 30_000;

  /** Default retries of a failing node (a node's own `retries` param overrides it). */
  @EnvInt(0, 20)
  NODE_MAX_RETRIES = 0;

  @EnvInt(10)
  NODE_RETRY_BACKOFF_MS = 1_000;

  @EnvInt(1, 3650)
  EXECUTION_RETENTION_DAYS = 30;

  @EnvInt(1)
  EXECUTION_CONCURRENCY_FREE = 2;
  @EnvInt(1)
  EXECUTION_CONCURRENCY_PRO = 10;
  @EnvInt(1)
  EXECUTION_CONCURRENCY_ENTERPRISE = 50;
  @EnvInt(1)
  EXECUTION_CONCURRENCY_ADMIN = 200;

  /** Jobs one worker process runs at once. */
  @EnvInt(1, 1_000)
  WORKER_CONCURRENCY = 20;

  /** How long a worker's claim on a job lasts without renewal; a killed worker's jobs return after it. */
  @EnvInt(1_000)
  WORKER_LOCK_DURATION_MS = 30_000;

  /** How often workers look for jobs whose worker died (stalled jobs). */
  @EnvInt(500)
  WORKER_STALLED_INTERVAL_MS = 30_000;

  @EnvInt(100)
  WEBHOOK_SYNC_TIMEOUT_MS = 30_000;

  @EnvInt(1_024)
  WEBHOOK_BODY_LIMIT_BYTES = 1_048_576;

  @EnvInt(1)
  WEBHOOK_SIGNATURE_TOLERANCE_SECONDS = 300;

  /** Hosts or CIDRs the http.request node may reach although they are private/loopback. */
  @EnvList()
  @IsString({ each: true })
  HTTP_NODE_ALLOWED_HOSTS: string[] = [];

  @EnvInt(1_024)
  HTTP_NODE_MAX_RESPONSE_BYTES = 5_242_880;
}

import { IsString } from 'class-validator';
import { EnvInt, EnvList } from './env-decorators';

export class ExecutionEnv {
  @EnvInt(1_000)
  EXECUTION_TIMEOUT_MS = 300_000;

  @EnvInt(100)
  NODE_TIMEOUT_MS = 30_000;

  /** The most a node's own `timeoutMs` may ask for; a definition asking more is refused on save. */
  @EnvInt(100)
  NODE_TIMEOUT_MAX_MS = 300_000;

  /** Time limit of one node's JSONata expressions (further capped by the node and execution deadlines). */
  @EnvInt(10)
  EXPRESSION_TIMEOUT_MS = 5_000;

  /** Heap one expression evaluation may use in its worker thread. */
  @EnvInt(8, 4_096)
  EXPRESSION_MEMORY_LIMIT_MB = 64;

  /** Worker threads that evaluate expressions in each process. */
  @EnvInt(1, 64)
  EXPRESSION_POOL_SIZE = 2;

  /** Largest output (JSON bytes) a step may produce; bigger fails the step and is not stored. */
  @EnvInt(1_024)
  STEP_OUTPUT_MAX_BYTES = 16_777_216;

  /** Largest input/output (JSON bytes) stored per step; bigger is stored as a truncated preview (the run gets it whole). */
  @EnvInt(256)
  EXECUTION_DATA_MAX_BYTES = 65_536;

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

  /**
   * Async webhook runs of pure workflows (no I/O, no pause, no child run) one API process starts itself
   * at once instead of queueing them (eager start); 0 = always queue.
   */
  @EnvInt(0, 10_000)
  WEBHOOK_ASYNC_EAGER_CONCURRENCY = 100;

  /** How long a worker's claim on a job lasts without renewal; a killed worker's jobs return after it. */
  @EnvInt(1_000)
  WORKER_LOCK_DURATION_MS = 30_000;

  /** How often workers look for jobs whose worker died (stalled jobs). */
  @EnvInt(500)
  WORKER_STALLED_INTERVAL_MS = 30_000;

  /** How often one process (a Redis lock picks it) looks for executions whose queue job is gone. */
  @EnvInt(100)
  RECONCILE_INTERVAL_MS = 60_000;

  /** Executions changed more recently than this are never touched by the reconciler. */
  @EnvInt(500)
  RECONCILE_GRACE_MS = 120_000;

  /** The shortest gap between two fires of a schedule trigger, per owner tier. */
  @EnvInt(1)
  SCHEDULE_MIN_INTERVAL_SECONDS_FREE = 60;
  @EnvInt(1)
  SCHEDULE_MIN_INTERVAL_SECONDS_PRO = 10;
  @EnvInt(1)
  SCHEDULE_MIN_INTERVAL_SECONDS_ENTERPRISE = 1;
  @EnvInt(1)
  SCHEDULE_MIN_INTERVAL_SECONDS_ADMIN = 1;

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

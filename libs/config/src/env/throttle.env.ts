import { EnvBoolean, EnvInt, EnvNumber } from './env-decorators';

/** Limits of the named limiters; for tier-based ones the limit is the FREE value (see the tier table). */
export class ThrottleEnv {
  @EnvBoolean()
  THROTTLE_ENABLED = true;

  @EnvInt(1)
  THROTTLE_API_LIMIT = 100;
  @EnvInt(1)
  THROTTLE_API_TTL_SECONDS = 60;

  @EnvInt(1)
  THROTTLE_AUTH_LIMIT = 5;
  @EnvInt(1)
  THROTTLE_AUTH_TTL_SECONDS = 900;

  @EnvInt(1)
  THROTTLE_WEBHOOK_LIMIT = 100;
  @EnvInt(1)
  THROTTLE_WEBHOOK_TTL_SECONDS = 60;

  @EnvInt(1)
  THROTTLE_EXECUTION_LIMIT = 30;
  @EnvInt(1)
  THROTTLE_EXECUTION_TTL_SECONDS = 60;

  @EnvInt(1)
  THROTTLE_BURST_LIMIT = 20;
  @EnvInt(1)
  THROTTLE_BURST_TTL_SECONDS = 1;

  @EnvInt(1)
  THROTTLE_UPLOAD_LIMIT = 10;
  @EnvInt(1)
  THROTTLE_UPLOAD_TTL_SECONDS = 60;

  /** Process CPU (share of one core per core) and heap use above which the adaptive limiter tightens. */
  @EnvNumber(0.1, 1)
  THROTTLE_ADAPTIVE_CPU_THRESHOLD = 0.85;
  @EnvNumber(0.1, 1)
  THROTTLE_ADAPTIVE_MEMORY_THRESHOLD = 0.9;
  /** Multiplier applied to every limit under pressure. */
  @EnvNumber(0.05, 1)
  THROTTLE_ADAPTIVE_FACTOR = 0.5;
}

import { AppConfig, loadConfig } from '@app/config';

/**
 * A test that turns limiting on counts exact admissions, and the adaptive limiter would halve every limit
 * whenever the test process passes 85 % CPU, as it can on a loaded CI machine (replicas.e2e-spec admitted
 * 15 of 20 once). Tests of the adaptive limiter set its factor themselves and drive its pressure by hand.
 */
const STEADY_LIMITS = { THROTTLE_ADAPTIVE_FACTOR: '1' };

/**
 * Rate limiting is off in tests unless a test turns it on (THROTTLE_ENABLED: 'true', see
 * test/throttling): suites register many users and poll fast from one IP. Limits a test turns on stay
 * steady. A production-mode env keeps the defaults, since production refuses limiting off.
 */
const throttleDefaults = (overrides: Record<string, string>): Record<string, string> =>
  overrides.NODE_ENV === 'production' ? {} : { THROTTLE_ENABLED: 'false', ...STEADY_LIMITS };

/** Test apps never schedule the nightly backup (nor write to ./backups) unless a test asks for it. */
const QUIET = { BACKUP_ENABLED: 'false' };

/** A valid test configuration for one file's own database and Redis key prefix. */
export function testConfig(overrides: Record<string, string>): AppConfig {
  return loadConfig({
    NODE_ENV: 'test',
    LOG_LEVEL: 'warn',
    MIGRATE_ON_START: 'false',
    DATABASE_CREATE_IF_MISSING: 'false',
    ...QUIET,
    ...throttleDefaults(overrides),
    ...overrides,
  });
}

export function testRawEnv(overrides: Record<string, string>): Record<string, string> {
  return {
    NODE_ENV: 'test',
    LOG_LEVEL: 'warn',
    PATH: process.env.PATH ?? '',
    HOME: process.env.HOME ?? '/tmp',
    ...QUIET,
    ...throttleDefaults(overrides),
    ...overrides,
  };
}

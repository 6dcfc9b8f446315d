import { AppConfig, loadConfig } from '@app/config';

/** A valid test configuration for one file's own database and Redis key prefix. */
export function testConfig(overrides: Record<string, string>): AppConfig {
  return loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'warn', MIGRATE_ON_START: 'false', DATABASE_CREATE_IF_MISSING: 'false', ...overrides });
}

export function testRawEnv(overrides: Record<string, string>): Record<string, string> {
  return { NODE_ENV: 'test', LOG_LEVEL: 'warn', PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', ...overrides };
}

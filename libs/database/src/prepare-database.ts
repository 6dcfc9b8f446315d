import { Logger } from '@nestjs/common';
import { setTimeout as sleep } from 'node:timers/promises';
import { AppConfig } from '@app/config';
import { ensureDatabaseExists } from './migrations/ensure-database';
import { MigrationRunner } from './migrations/migration-runner';

const WAIT_STEP_MS = 2_000;

/**
 * Brings the schema up to date before the process reports itself started: creates the database and
 * applies migrations when configured to (development, the migrate Job), otherwise waits for them.
 * Retries while PostgreSQL is unreachable instead of crashing, so probes can report the state.
 */
export async function prepareDatabase(config: AppConfig, options: { migrate: boolean }): Promise<void> {
  const logger = new Logger('Database');
  const { DATABASE_URL, DATABASE_CREATE_IF_MISSING } = config.database;
  const runner = new MigrationRunner({ databaseUrl: DATABASE_URL, log: (message) => logger.log(message) });
  for (let attempt = 1; ; attempt++) {
    try {
      if (DATABASE_CREATE_IF_MISSING && (await ensureDatabaseExists(DATABASE_URL))) logger.log('Created the database');
      if (options.migrate) {
        const applied = await runner.migrate();
        logger.log({ applied }, applied.length ? 'Migrations applied' : 'Schema up to date');
        return;
      }
      const { pending } = await runner.status();
      if (pending.length === 0) return;
      if (attempt === 1) logger.warn({ pending }, 'Waiting for migrations (npm run db:migrate or the migrate Job)');
    } catch (error) {
      if (isPermanent(error)) throw error;
      if (attempt === 1 || attempt % 15 === 0) logger.warn({ err: (error as Error).message, attempt }, 'Database not ready; retrying');
    }
    await sleep(WAIT_STEP_MS);
  }
}

/** An edited or failed migration will not fix itself by waiting. */
function isPermanent(error: unknown): boolean {
  return error instanceof Error && /^Migration(Modified|FailedEarlier|Apply)Error$/.test(error.name);
}

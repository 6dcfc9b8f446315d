import { Command } from 'commander';
import { loadConfigOrExit } from '@app/config';
import { ensureDatabaseExists, MigrationRunner } from '@app/database';

export function migrateCommand(): Command {
  return new Command('migrate')
    .description('Create the database if missing and apply pending migrations (DATABASE_URL)')
    .option('--status', 'only list applied and pending migrations')
    .action(async (options: { status?: boolean }) => {
      const config = loadConfigOrExit();
      const { DATABASE_URL, DATABASE_CREATE_IF_MISSING } = config.database;
      const runner = new MigrationRunner({ databaseUrl: DATABASE_URL, log: (message) => console.log(message) });
      if (options.status) {
        const { applied, pending } = await runner.status();
        console.log(`applied: ${applied.length}, pending: ${pending.length}${pending.length ? ` (${pending.join(', ')})` : ''}`);
        process.exitCode = pending.length ? 2 : 0;
        return;
      }
      if (DATABASE_CREATE_IF_MISSING && (await ensureDatabaseExists(DATABASE_URL))) console.log('Created the database');
      const applied = await runner.migrate();
      console.log(applied.length ? `Applied ${applied.length} migration(s)` : 'Schema up to date; nothing to apply');
    });
}

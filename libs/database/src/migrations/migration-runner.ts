import { Client } from 'pg';
import type { Umzug, UmzugStorage } from 'umzug';
import { LocalMigration, readLocalMigrations } from './local-migrations';
import { MigrationApplyError, MigrationFailedEarlierError, MigrationModifiedError } from './migration-errors';
import { AppliedMigrationRow, applyInTransaction, CREATE_PRISMA_MIGRATIONS_TABLE, readAppliedRows } from './prisma-migrations-table';

/** Prisma Migrate's own advisory lock key: our runner and `prisma migrate deploy` exclude each other. */
export const MIGRATION_LOCK_KEY = 72707369;

export interface MigrationRunnerOptions {
  databaseUrl: string;
  migrationsDir?: string;
  log?: (message: string) => void;
}

export interface MigrationStatus {
  applied: string[];
  pending: string[];
}

/**
 * Applies prisma/migrations without Prisma's native schema engine (it cannot be downloaded here):
 * umzug orders and runs them, the rows go to _prisma_migrations exactly as Prisma Migrate writes them.
 */
export class MigrationRunner {
  private readonly local: LocalMigration[];

  constructor(private readonly options: MigrationRunnerOptions) {
    this.local = readLocalMigrations(options.migrationsDir);
  }

  /** Applies every pending migration under the advisory lock; returns the names it applied. */
  async migrate(): Promise<string[]> {
    const client = await this.connect();
    try {
      await client.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
      await client.query(CREATE_PRISMA_MIGRATIONS_TABLE);
      // Read the applied set only once the lock is ours: another replica may just have finished.
      const applied = this.verifyApplied(await readAppliedRows(client));
      const umzug = await this.umzug(client, applied);
      const done = await umzug.up();
      return done.map((migration) => migration.name);
    } finally {
      await client.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY]).catch(() => undefined);
      await client.end();
    }
  }

  /** Read-only: which migrations are applied and which are pending (throws on edited/failed ones). */
  async status(): Promise<MigrationStatus> {
    const client = await this.connect();
    try {
      const applied = this.verifyApplied(await readAppliedRows(client));
      return {
        applied: [...applied],
        pending: this.local.filter((migration) => !applied.has(migration.name)).map((m) => m.name),
      };
    } finally {
      await client.end();
    }
  }

  private async connect(): Promise<Client> {
    const client = new Client({ connectionString: this.options.databaseUrl, connectionTimeoutMillis: 10_000 });
    client.on('error', () => undefined); // a dropped connection surfaces through the pending query
    await client.connect();
    return client;
  }

  private verifyApplied(rows: AppliedMigrationRow[]): Set<string> {
    const byName = new Map(this.local.map((migration) => [migration.name, migration]));
    const applied = new Set<string>();
    for (const row of rows) {
      if (row.rolled_back_at) continue;
      if (!row.finished_at) throw new MigrationFailedEarlierError(row.migration_name);
      const local = byName.get(row.migration_name);
      if (local && local.checksum !== row.checksum) throw new MigrationModifiedError(row.migration_name, row.checksum, local.checksum);
      if (!local) this.options.log?.(`Migration ${row.migration_name} is applied but missing from the migrations folder`);
      applied.add(row.migration_name);
    }
    return applied;
  }

  private async umzug(client: Client, applied: Set<string>): Promise<Umzug> {
    // Loaded only to apply migrations (~17 MB resident): an app started with MIGRATE_ON_START=false never needs it.
    const { Umzug: Runner } = await import('umzug');
    // applyInTransaction records each row itself, atomically with the SQL; the storage only reads.
    const storage: UmzugStorage = {
      executed: async () => [...applied],
      logMigration: async ({ name }) => void applied.add(name),
      unlogMigration: async () => {
        throw new Error('Migrations are forward-only; write a new migration to revert a change');
      },
    };
    return new Runner({
      migrations: this.local.map((migration) => ({
        name: migration.name,
        path: migration.path,
        up: async () => {
          try {
            await applyInTransaction(client, migration.name, migration.sql, migration.checksum);
          } catch (error) {
            throw new MigrationApplyError(migration.name, error);
          }
          this.options.log?.(`Applied migration ${migration.name}`);
        },
      })),
      storage,
      logger: undefined,
    });
  }
}

import { Client } from 'pg';
import { errorMessage } from '@app/common';
import { BackupError } from '../backup.errors';
import { maskUrl } from '../util/pg-url.util';
import { connectPg, countRows, listTables } from '../util/table-stats.util';

export interface DatabaseFacts {
  name: string;
  serverVersion: string;
  encoding: string;
  migrationHead: string | null;
  rowCounts: Record<string, number>;
}

/**
 * A REPEATABLE READ transaction whose snapshot is exported to pg_dump (--snapshot): the row counts
 * and migration head in the manifest are read in exactly the state the dump contains, even while the
 * platform keeps writing.
 */
export class PostgresSnapshot {
  private constructor(
    private readonly client: Client,
    readonly snapshotId: string,
  ) {}

  static async open(databaseUrl: string): Promise<PostgresSnapshot> {
    let client: Client | undefined;
    try {
      client = await connectPg(databaseUrl);
      await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
      const { rows } = await client.query<{ id: string }>('SELECT pg_export_snapshot() AS id');
      return new PostgresSnapshot(client, rows[0].id);
    } catch (error) {
      await client?.end().catch(() => undefined);
      throw new BackupError('postgres', `cannot open a snapshot of ${maskUrl(databaseUrl)}: ${errorMessage(error)}`, { cause: error });
    }
  }

  async facts(): Promise<DatabaseFacts> {
    try {
      const { rows } = await this.client.query<{ name: string; version: string; encoding: string }>(
        `SELECT current_database() AS name, current_setting('server_version') AS version,
                pg_encoding_to_char(encoding) AS encoding FROM pg_database WHERE datname = current_database()`,
      );
      const tables = await listTables(this.client);
      const rowCounts = await countRows(this.client, tables);
      const hasMigrations = tables.some((table) => table.schema === 'public' && table.name === '_prisma_migrations');
      return {
        name: rows[0].name,
        serverVersion: rows[0].version,
        encoding: rows[0].encoding,
        rowCounts,
        migrationHead: hasMigrations ? await this.migrationHead() : null,
      };
    } catch (error) {
      throw new BackupError('postgres', `cannot read row counts: ${errorMessage(error)}`, { cause: error });
    }
  }

  async close(): Promise<void> {
    await this.client.query('COMMIT').catch(() => undefined);
    await this.client.end().catch(() => undefined);
  }

  private async migrationHead(): Promise<string | null> {
    const { rows } = await this.client.query<{ name: string }>(
      `SELECT migration_name AS name FROM public._prisma_migrations
        WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL ORDER BY migration_name DESC LIMIT 1`,
    );
    return rows[0]?.name ?? null;
  }
}

import { Injectable, Logger } from '@nestjs/common';
import { createReadStream } from 'node:fs';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { createGunzip } from 'node:zlib';
import { Client } from 'pg';
import { AppConfig } from '@app/config';
import { POSTGRES_ARTIFACT } from '../backup.constants';
import { errorMessage } from '@app/common';
import { BackupError, RestoreRefusedError } from '../backup.errors';
import { BackupManifest } from '../manifest/backup-manifest';
import { databaseName, libpqEnv, maskUrl, quoteIdent, sameDatabase, withDatabase } from '../util/pg-url.util';
import { connectPg, countRows, parseTableKey } from '../util/table-stats.util';
import { settleWithTool, ToolProcess } from '../util/tool-process.util';
import { defaultRestoreDatabaseName } from './restore-names.util';

export interface DatabaseRestorePlan {
  url: string;
  name: string;
  live: boolean;
  /** create: new database; reuse: exists and is empty; replace: dropped and created again (--force). */
  action: 'create' | 'reuse' | 'replace';
}

/**
 * Loads postgres.sql.gz into a target database with psql (ON_ERROR_STOP, one transaction: all or
 * nothing). The default target is a new database beside the live one; the live database, or any
 * database that already holds tables, is only replaced with --force.
 */
@Injectable()
export class DatabaseRestorer {
  private readonly logger = new Logger(DatabaseRestorer.name);

  constructor(private readonly config: AppConfig) {}

  async plan(backupId: string, options: { targetDatabaseUrl?: string; force?: boolean }): Promise<DatabaseRestorePlan> {
    const liveUrl = this.config.database.DATABASE_URL;
    const url = options.targetDatabaseUrl ?? withDatabase(liveUrl, defaultRestoreDatabaseName(databaseName(liveUrl), backupId));
    const name = databaseName(url);
    const live = sameDatabase(url, liveUrl);
    if (live && !options.force)
      throw new RestoreRefusedError(
        `refusing to restore over the live database "${name}" (DATABASE_URL) without --force; leave out --target-database-url to restore into a new database "${defaultRestoreDatabaseName(name, backupId)}"`,
      );
    const state = await this.inspect(url);
    if (state === 'has-tables' && !options.force)
      throw new RestoreRefusedError(`the target database "${name}" already exists and holds tables; pass --force to replace it`);
    return { url, name, live, action: state === 'missing' ? 'create' : state === 'empty' ? 'reuse' : 'replace' };
  }

  /** Restores and returns the row counts of the manifest's tables, read back from the target. */
  async restore(plan: DatabaseRestorePlan, dir: string, manifest: BackupManifest): Promise<Record<string, number>> {
    if (plan.action !== 'reuse') await this.recreate(plan, manifest.database.encoding);
    try {
      await this.load(plan.url, join(dir, POSTGRES_ARTIFACT));
    } catch (error) {
      // A database we created is removed again; one transaction means nothing partial was committed anyway.
      if (plan.action === 'create')
        await this.admin(plan.url, (client) => client.query(`DROP DATABASE IF EXISTS ${quoteIdent(plan.name)} WITH (FORCE)`)).catch(
          () => undefined,
        );
      throw error;
    }
    const client = await connectPg(plan.url);
    try {
      return await countRows(client, Object.keys(manifest.rowCounts).map(parseTableKey));
    } finally {
      await client.end();
    }
  }

  private async load(url: string, dumpPath: string): Promise<void> {
    const psql = new ToolProcess('psql', ['-X', '-q', '-v', 'ON_ERROR_STOP=1', '--single-transaction', '-o', '/dev/null'], {
      env: libpqEnv(url),
      stdin: true,
      installHint: 'install the PostgreSQL client tools, e.g. postgresql-client-15',
    });
    const source = createReadStream(dumpPath, { highWaterMark: 1024 * 1024 });
    const gunzip = createGunzip();
    // Kill psql before its stdin closes on a read error: at EOF it would COMMIT what it had so far.
    for (const stream of [source, gunzip]) stream.once('error', () => psql.kill());
    await settleWithTool(pipeline(source, gunzip, psql.child.stdin!), psql);
  }

  private async recreate(plan: DatabaseRestorePlan, encoding: string): Promise<void> {
    this.logger.log({ database: plan.name, action: plan.action }, 'Preparing the target database');
    await this.admin(plan.url, async (client) => {
      if (plan.action === 'replace') await client.query(`DROP DATABASE IF EXISTS ${quoteIdent(plan.name)} WITH (FORCE)`);
      // template0: template1 may carry local objects that would collide with the dump's.
      await client.query(`CREATE DATABASE ${quoteIdent(plan.name)} TEMPLATE template0 ENCODING '${encoding.replace(/'/g, '')}'`);
    });
  }

  private async inspect(url: string): Promise<'missing' | 'empty' | 'has-tables'> {
    const exists = await this.admin(
      url,
      async (client) => (await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [databaseName(url)])).rowCount === 1,
    );
    if (!exists) return 'missing';
    const client = await connectPg(url);
    try {
      const { rows } = await client.query<{ n: string }>(
        `SELECT count(*) AS n FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
          WHERE c.relkind IN ('r', 'p', 'v', 'm', 'S') AND n.nspname <> 'information_schema' AND n.nspname NOT LIKE 'pg\\_%'`,
      );
      return Number(rows[0].n) > 0 ? 'has-tables' : 'empty';
    } finally {
      await client.end();
    }
  }

  /** A connection to the target's server through its maintenance database (postgres, else template1). */
  private async admin<T>(url: string, work: (client: Client) => Promise<T>): Promise<T> {
    let client: Client;
    try {
      client = await connectPg(withDatabase(url, 'postgres')).catch(() => connectPg(withDatabase(url, 'template1')));
    } catch (error) {
      throw new BackupError('restore', `cannot connect to the server of ${maskUrl(url)}: ${errorMessage(error)}`, { cause: error });
    }
    try {
      return await work(client);
    } finally {
      await client.end();
    }
  }
}

import { Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import { Pool } from 'pg';
import { AppConfig } from '@app/config';
import { BackupRecord, BackupTrigger } from '@app/database';
import { errorMessage } from '@app/common';
import { BackupManifest } from '../manifest/backup-manifest';

/** Prefix of `error` when a later `verify` found the backup corrupt (the run itself had succeeded). */
export const VERIFICATION_FAILED = 'verification failed: ';

export interface FinishedFields {
  trigger: BackupTrigger;
  startedAt: Date;
  finishedAt: Date;
  location: string;
}

type RecordRow = Omit<BackupRecord, 'sizeBytes'> & { sizeBytes: string | null };

/**
 * backup_records (this lib's table; its shape lives in schema.prisma and the migrations): the history
 * `backup list` shows and the metrics read.
 *
 * Plain node-postgres rather than PrismaService, deliberately: Prisma 7's query compiler costs about
 * 88 MB of RSS on first use (backup CLI peak 257 MB with it, 169 MB without, measured), which alone
 * breaks the backup's 200 MB budget; these are a handful of statements on one table.
 *
 * Writes made during a run are best effort: the database being backed up may be what is down, and
 * that must not hide the run's real cause (which is still logged and notified).
 */
@Injectable()
export class BackupRecordsService implements OnApplicationShutdown {
  private readonly logger = new Logger(BackupRecordsService.name);
  private pool?: Pool;

  constructor(private readonly config: AppConfig) {}

  started(id: string, trigger: BackupTrigger, startedAt: Date, location: string): Promise<void> {
    return this.quietly(
      id,
      'record the start',
      `INSERT INTO backup_records (id, status, trigger, location, "startedAt") VALUES ($1, 'RUNNING', $2, $3, $4)`,
      [id, trigger, location, startedAt],
    );
  }

  succeeded(
    id: string,
    fields: FinishedFields & { sizeBytes: number; manifest: BackupManifest; s3Uri: string | null; verifiedAt: Date },
  ): Promise<void> {
    return this.quietly(
      id,
      'record the success',
      `INSERT INTO backup_records (id, status, trigger, location, "s3Prefix", "sizeBytes", manifest, "verifiedAt", "startedAt", "finishedAt", "durationMs")
       VALUES ($1, 'SUCCEEDED', $2, $3, $4, $5, $6, $7, $8, $9, $10)
       ON CONFLICT (id) DO UPDATE SET status = 'SUCCEEDED', location = $3, "s3Prefix" = $4, "sizeBytes" = $5, manifest = $6, "verifiedAt" = $7,
         "finishedAt" = $9, "durationMs" = $10, error = NULL`,
      [
        id,
        fields.trigger,
        fields.location,
        fields.s3Uri,
        fields.sizeBytes,
        JSON.stringify(fields.manifest),
        fields.verifiedAt,
        fields.startedAt,
        fields.finishedAt,
        durationOf(fields),
      ],
    );
  }

  failed(id: string, fields: FinishedFields & { error: string }): Promise<void> {
    return this.quietly(
      id,
      'record the failure',
      `INSERT INTO backup_records (id, status, trigger, location, error, "startedAt", "finishedAt", "durationMs")
       VALUES ($1, 'FAILED', $2, $3, $4, $5, $6, $7)
       ON CONFLICT (id) DO UPDATE SET status = 'FAILED', error = $4, "finishedAt" = $6, "durationMs" = $7`,
      [id, fields.trigger, fields.location, fields.error, fields.startedAt, fields.finishedAt, durationOf(fields)],
    );
  }

  /** Runs left RUNNING by a process that died mid-run; called under the run lock, so none is live. */
  failInterrupted(): Promise<void> {
    return this.quietly(
      '*',
      'close interrupted runs',
      `UPDATE backup_records SET status = 'FAILED', error = $1, "finishedAt" = now() WHERE status = 'RUNNING'`,
      ['interrupted: the process ended during the run'],
    );
  }

  /** A backup that failed an earlier verification and passes now (e.g. the file was repaired) is good again. */
  async markVerified(id: string): Promise<void> {
    await this.quietly(
      id,
      'record the verification',
      `UPDATE backup_records SET status = 'SUCCEEDED', error = NULL WHERE id = $1 AND status = 'FAILED' AND starts_with(error, $2)`,
      [id, VERIFICATION_FAILED],
    );
    await this.quietly(id, 'record the verification', `UPDATE backup_records SET "verifiedAt" = now() WHERE id = $1`, [id]);
  }

  markVerificationFailed(id: string, error: string): Promise<void> {
    return this.quietly(id, 'record the failed verification', `UPDATE backup_records SET status = 'FAILED', error = $2 WHERE id = $1`, [
      id,
      `${VERIFICATION_FAILED}${error}`,
    ]);
  }

  markDeleted(ids: string[]): Promise<void> {
    if (ids.length === 0) return Promise.resolve();
    return this.quietly(ids.join(','), 'record the deletion', `UPDATE backup_records SET "deletedAt" = now() WHERE id = ANY($1)`, [ids]);
  }

  /** Ids recorded as FAILED (e.g. a later `verify` found them corrupt); empty when the database is unreachable. */
  async failedIds(): Promise<Set<string>> {
    try {
      const { rows } = await this.db().query<{ id: string }>(`SELECT id FROM backup_records WHERE status = 'FAILED'`);
      return new Set(rows.map((row) => row.id));
    } catch (error) {
      this.logger.warn({ err: errorMessage(error) }, 'Could not read failed backup records; treating none as failed');
      return new Set();
    }
  }

  async list(limit = 200): Promise<BackupRecord[]> {
    const { rows } = await this.db().query<RecordRow>(`SELECT * FROM backup_records ORDER BY "startedAt" DESC LIMIT $1`, [limit]);
    return rows.map(toRecord);
  }

  async find(id: string): Promise<BackupRecord | null> {
    const { rows } = await this.db().query<RecordRow>(`SELECT * FROM backup_records WHERE id = $1`, [id]);
    return rows[0] ? toRecord(rows[0]) : null;
  }

  /** For the metrics lib: backup_last_success_timestamp_seconds. */
  async lastSuccess(): Promise<BackupRecord | null> {
    const { rows } = await this.db().query<RecordRow>(
      `SELECT * FROM backup_records WHERE status = 'SUCCEEDED' ORDER BY "finishedAt" DESC NULLS LAST LIMIT 1`,
    );
    return rows[0] ? toRecord(rows[0]) : null;
  }

  /** After every onModuleDestroy: a run cancelled by the shutdown still records its failure. */
  async onApplicationShutdown(): Promise<void> {
    const pool = this.pool;
    this.pool = undefined;
    await pool?.end();
  }

  private db(): Pool {
    if (this.pool) return this.pool;
    const { DATABASE_URL, DATABASE_CONNECT_TIMEOUT_MS, DATABASE_STATEMENT_TIMEOUT_MS } = this.config.database;
    this.pool = new Pool({
      connectionString: DATABASE_URL,
      max: 2,
      idleTimeoutMillis: 10_000,
      connectionTimeoutMillis: DATABASE_CONNECT_TIMEOUT_MS,
      statement_timeout: DATABASE_STATEMENT_TIMEOUT_MS || undefined,
    });
    this.pool.on('error', (error) => this.logger.warn({ err: error.message }, 'backup_records connection lost'));
    return this.pool;
  }

  private async quietly(id: string, what: string, sql: string, params: unknown[]): Promise<void> {
    try {
      await this.db().query(sql, params);
    } catch (error) {
      this.logger.warn({ backupId: id, err: errorMessage(error) }, `Could not ${what} in backup_records`);
    }
  }
}

function durationOf(fields: { startedAt: Date; finishedAt: Date }): number {
  return fields.finishedAt.getTime() - fields.startedAt.getTime();
}

function toRecord(row: RecordRow): BackupRecord {
  return { ...row, sizeBytes: row.sizeBytes === null ? null : BigInt(row.sizeBytes) };
}

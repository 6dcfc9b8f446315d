import { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Command } from 'commander';
import { Logger } from 'nestjs-pino';
import {
  BackupCatalog,
  BackupRestoreService,
  BackupService,
  BackupVerificationService,
  CatalogEntry,
  formatBytes,
  formatDuration,
  RestoreReport,
} from '@app/backup';
import { loadConfigOrExit } from '@app/config';
import { BackupCliModule } from '../backup-cli.module';

/** `backup run | list | verify <id> | restore <id>`: the same services the API's scheduled backup uses. */
export function backupCommand(): Command {
  const backup = new Command('backup').description('Back up PostgreSQL, Redis and the uploads; list, verify and restore backups');
  backup
    .command('run')
    .description('Take a backup now (BACKUP_DIR/<id>/, and S3 when S3_BUCKET is set); prints its id')
    .action(() => withBackupContext((app) => run(app)));
  backup
    .command('list')
    .description('List backups: backup_records, BACKUP_DIR and S3 merged, newest first')
    .action(() => withBackupContext((app) => list(app)));
  backup
    .command('verify <id>')
    .description('Re-check a backup: checksums, full gzip decompression, dump trailer, RDB checksum (exit 1 when it fails)')
    .action((id: string) => withBackupContext((app) => verify(app, id)));
  backup
    .command('restore <id>')
    .description(
      'Restore a backup into a new database <db>_restore_<id> (and uploads into <UPLOAD_DIR>-restore-<id>), then compare row counts',
    )
    .option(
      '--target-database-url <url>',
      'restore into this database instead (refused when it is the live one or holds tables, unless --force)',
    )
    .option('--target-upload-dir <dir>', 'extract the uploads here instead')
    .option('--force', 'replace the target database / directory even if it is live or not empty')
    .action((id: string, options: { targetDatabaseUrl?: string; targetUploadDir?: string; force?: boolean }) =>
      withBackupContext((app) => restore(app, id, options)),
    );
  return backup;
}

async function withBackupContext(work: (app: INestApplicationContext) => Promise<void>): Promise<void> {
  const config = loadConfigOrExit();
  const app = await NestFactory.createApplicationContext(BackupCliModule.register(config), { bufferLogs: true });
  app.useLogger(app.get(Logger));
  // SIGTERM/SIGINT close the context once: a run in progress is cancelled, recorded FAILED, notified and
  // cleaned up, then the command fails with that message.
  let closing: Promise<void> | undefined;
  const close = () => (closing ??= app.close());
  const onSignal = () => void close();
  process.once('SIGTERM', onSignal).once('SIGINT', onSignal);
  try {
    await work(app);
  } finally {
    await close();
    process.off('SIGTERM', onSignal).off('SIGINT', onSignal);
    // Everything is awaited and closed by now; idle keep-alive sockets and a driver's leftover timers
    // (about 2 s measured) must not hold a finished command open.
    setTimeout(() => process.exit(), 100).unref();
  }
}

async function run(app: INestApplicationContext): Promise<void> {
  const result = await app.get(BackupService).run('MANUAL');
  const rows = Object.values(result.manifest.rowCounts).reduce((sum, n) => sum + n, 0);
  console.log(`Backup succeeded: ${formatBytes(result.sizeBytes)} in ${formatDuration(result.durationMs)}`);
  console.log(`  id:     ${result.id}`);
  console.log(`  local:  ${result.location}`);
  if (result.s3Uri) console.log(`  s3:     ${result.s3Uri}`);
  console.log(
    `  tables: ${Object.keys(result.manifest.rowCounts).length} (${rows} rows); files: ${result.manifest.files.count} (${formatBytes(result.manifest.files.bytes)})`,
  );
}

async function list(app: INestApplicationContext): Promise<void> {
  const { entries, warnings } = await app.get(BackupCatalog).list();
  warnings.forEach((warning) => console.error(`warning: ${warning}`));
  if (entries.length === 0) {
    console.log('No backups.');
    return;
  }
  const rows = entries.map(listRow);
  const header = ['ID', 'STATUS', 'TRIGGER', 'SIZE', 'DURATION', 'STORED', 'VERIFIED'];
  const widths = header.map((title, column) => Math.max(title.length, ...rows.map((row) => row[column].length)));
  for (const row of [header, ...rows])
    console.log(
      row
        .map((cell, column) => cell.padEnd(widths[column]))
        .join('  ')
        .trimEnd(),
    );
}

function listRow(entry: CatalogEntry): string[] {
  const record = entry.record;
  const stored = [entry.local && 'local', entry.s3 && 's3'].filter(Boolean).join('+') || (record?.deletedAt ? 'deleted' : '-');
  return [
    entry.id,
    record?.status ?? 'UNRECORDED',
    record?.trigger ?? '-',
    record?.sizeBytes !== null && record?.sizeBytes !== undefined ? formatBytes(Number(record.sizeBytes)) : '-',
    record?.durationMs !== null && record?.durationMs !== undefined ? formatDuration(record.durationMs) : '-',
    stored,
    record?.verifiedAt?.toISOString() ?? '-',
  ];
}

async function verify(app: INestApplicationContext, id: string): Promise<void> {
  const report = await app.get(BackupVerificationService).verify(id);
  if (report.problems.length) {
    report.problems.forEach((problem) => console.error(`  ${problem}`));
    throw new Error(`backup ${id} FAILED verification (${report.problems.length} problem(s)); it is marked FAILED`);
  }
  const artifacts = report.artifacts.map((artifact) => `${artifact.file} ${formatBytes(artifact.size)}`).join(', ');
  console.log(`Backup ${id} verified OK: ${artifacts}`);
}

async function restore(
  app: INestApplicationContext,
  id: string,
  options: { targetDatabaseUrl?: string; targetUploadDir?: string; force?: boolean },
): Promise<void> {
  const report = await app.get(BackupRestoreService).restore(id, options);
  printRestoreReport(report);
  if (!report.ok) throw new Error(`restore of ${id} does not match the manifest (see the rows marked MISMATCH)`);
}

function printRestoreReport(report: RestoreReport): void {
  console.log(`Restored backup ${report.id}`);
  console.log(`  database: ${report.database.name} (${report.database.action}) ${report.database.url}`);
  console.log(
    `  files:    ${report.files.count} of ${report.files.expectedCount} file(s), ${formatBytes(report.files.bytes)}, into ${report.files.dir}`,
  );
  console.log(
    `  migration head: ${report.migrationHead ?? 'none'}${report.codeMigrationHead !== report.migrationHead ? ` (this release ships ${report.codeMigrationHead}: run \`migrate\` against the restored database)` : ''}`,
  );
  const width = Math.max(5, ...report.tables.map((table) => table.table.length));
  console.log(`  ${'TABLE'.padEnd(width)}  ${'MANIFEST'.padStart(10)}  ${'RESTORED'.padStart(10)}`);
  for (const table of report.tables)
    console.log(
      `  ${table.table.padEnd(width)}  ${String(table.expected).padStart(10)}  ${String(table.restored).padStart(10)}  ${table.expected === table.restored ? 'ok' : 'MISMATCH'}`,
    );
  console.log(
    '  redis.rdb is not loaded automatically: stop Redis, copy it into its data directory as dump.rdb (with appendonly off), start Redis.',
  );
}

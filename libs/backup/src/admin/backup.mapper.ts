import { BackupRecord } from '@app/database';
import { VERIFICATION_FAILED } from '../records/backup-records.service';

/** A backup_records row as the operations screen shows it. */
export function toBackupResponse(record: BackupRecord) {
  return {
    id: record.id,
    status: record.status,
    trigger: record.trigger,
    startedAt: record.startedAt,
    finishedAt: record.finishedAt,
    durationMs: record.durationMs,
    sizeBytes: record.sizeBytes === null ? null : Number(record.sizeBytes),
    location: record.location,
    s3Uri: record.s3Prefix,
    error: record.error,
    verification: verificationOf(record),
    deletedAt: record.deletedAt,
  };
}

function verificationOf(record: BackupRecord) {
  if (record.error?.startsWith(VERIFICATION_FAILED))
    return { status: 'FAILED' as const, verifiedAt: null, error: record.error.slice(VERIFICATION_FAILED.length) };
  if (record.verifiedAt) return { status: 'PASSED' as const, verifiedAt: record.verifiedAt, error: null };
  return null;
}

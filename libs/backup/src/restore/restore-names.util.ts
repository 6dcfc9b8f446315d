const MAX_IDENTIFIER = 63;

/** `<db>_restore_<id>`: the default target, next to the live database and never the live one. */
export function defaultRestoreDatabaseName(liveDatabase: string, backupId: string): string {
  const suffix = `_restore_${backupId.toLowerCase().replace(/[^a-z0-9]/g, '')}`;
  return `${liveDatabase.slice(0, MAX_IDENTIFIER - suffix.length)}${suffix}`;
}

/** `<UPLOAD_DIR>-restore-<id>`: restored files land beside the live uploads, never over them by default. */
export function defaultRestoreUploadDir(liveUploadDir: string, backupId: string): string {
  return `${liveUploadDir.replace(/\/+$/, '')}-restore-${backupId}`;
}

const ID_PATTERN = /^(\d{4}-\d{2}-\d{2})T(\d{2})-(\d{2})-(\d{2})-(\d{3})Z$/;

/**
 * A backup is named by its UTC start time, e.g. 2026-11-25T02-00-00-123Z: sortable as text, safe as a
 * folder name and an S3 key segment (no colons), and unique because runs hold a lock.
 */
export function backupIdFor(date: Date): string {
  return date.toISOString().replace(/:/g, '-').replace('.', '-');
}

/** The start time encoded in a backup id, or null when the name is not a backup id. */
export function backupTime(id: string): Date | null {
  const match = ID_PATTERN.exec(id);
  if (!match) return null;
  const [, day, hours, minutes, seconds, millis] = match;
  const time = new Date(`${day}T${hours}:${minutes}:${seconds}.${millis}Z`);
  return Number.isNaN(time.getTime()) ? null : time;
}

export function isBackupId(id: string): boolean {
  return backupTime(id) !== null;
}

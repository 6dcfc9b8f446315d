/** The artifacts of one backup, in the order they are written, verified and uploaded (manifest last). */
export const POSTGRES_ARTIFACT = 'postgres.sql.gz';
export const REDIS_ARTIFACT = 'redis.rdb';
export const FILES_ARTIFACT = 'files.tar.gz';
export const MANIFEST_FILE = 'manifest.json';
export const ARTIFACT_FILES = [POSTGRES_ARTIFACT, REDIS_ARTIFACT, FILES_ARTIFACT] as const;

/** Bumped when the folder layout or the manifest changes incompatibly; restore refuses newer formats. */
export const MANIFEST_FORMAT_VERSION = 1;

/** Suffix of a folder still being written (or downloaded); such folders are never listed or restored. */
export const PARTIAL_SUFFIX = '.partial';

/** Redis keys (under REDIS_KEY_PREFIX). */
export const RUN_LOCK_KEY = 'backup:lock';
export const SCHEDULE_SLOT_KEY = 'backup:scheduled:';

/** Name of the cron job in SchedulerRegistry. */
export const BACKUP_CRON_JOB = 'backup';

/** A backup or restore step that failed; the message names the step and the cause, for operators. */
export class BackupError extends Error {
  override readonly name = 'BackupError';

  constructor(
    readonly step: string,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(`${step}: ${message}`, options);
  }
}

/** Another backup holds the run lock (on this replica or another one). */
export class BackupBusyError extends Error {
  override readonly name = 'BackupBusyError';

  constructor() {
    super('another backup is already running (the Redis lock is held); try again when it has finished');
  }
}

/** A restore that would overwrite data it was not explicitly allowed to replace. */
export class RestoreRefusedError extends Error {
  override readonly name = 'RestoreRefusedError';
}

/** A backup whose artifacts do not match their manifest. */
export class BackupVerificationError extends Error {
  override readonly name = 'BackupVerificationError';

  constructor(
    readonly backupId: string,
    readonly problems: string[],
  ) {
    super(`backup ${backupId} failed verification: ${problems.join('; ')}`);
  }
}

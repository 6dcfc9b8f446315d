/* eslint-disable @typescript-eslint/no-require-imports -- loaded on first use, see below */
import type * as Tar from 'tar';

// tar is ~5 MB resident and only backups, restores and verifications need it.
let tar: typeof Tar | undefined;

/** The tar package, loaded on first use. */
export function tarLib(): typeof Tar {
  return (tar ??= require('tar') as typeof Tar);
}

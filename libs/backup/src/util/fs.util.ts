import { readdir, rm } from 'node:fs/promises';

/** Missing or without entries. */
export async function isEmptyDir(dir: string): Promise<boolean> {
  try {
    return (await readdir(dir)).length === 0;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return true;
    throw error;
  }
}

export async function removeDir(dir: string): Promise<void> {
  await rm(dir, { recursive: true, force: true, maxRetries: 3 });
}

/** A write error as an operator reads it: disk full is said plainly. */
export function describeWriteError(error: unknown, file: string): string {
  const code = (error as NodeJS.ErrnoException)?.code;
  if (code === 'ENOSPC') return `disk full (ENOSPC) while writing ${file}`;
  if (code === 'EDQUOT') return `disk quota exceeded (EDQUOT) while writing ${file}`;
  return `${error instanceof Error ? error.message : String(error)} (writing ${file})`;
}

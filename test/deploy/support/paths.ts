import { join } from 'node:path';

/** The repository root, whichever folder the tests run from. */
export const REPO_ROOT = join(__dirname, '..', '..', '..');

export const repoPath = (...parts: string[]): string => join(REPO_ROOT, ...parts);

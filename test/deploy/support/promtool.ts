import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stringify } from 'yaml';

export interface PromtoolResult {
  status: number | null;
  output: string;
}

/** promtool is a hard requirement of these tests (Debian: `apt-get install prometheus`), never a skip. */
export function requirePromtool(): void {
  const found = spawnSync('promtool', ['--version'], { encoding: 'utf8' });
  if (found.error || found.status !== 0)
    throw new Error(
      'promtool not found on PATH: install it (Debian/Ubuntu: `apt-get install -y prometheus`; .ci/run does) to check the alert rules',
    );
}

/**
 * Writes `files` (name -> YAML content) to a temporary folder and runs `promtool <args> <targets>`
 * there, so files may refer to each other by name (a unit test file to its rule file).
 */
export function runPromtool(args: string[], files: Record<string, unknown>, targets = Object.keys(files)): PromtoolResult {
  requirePromtool();
  const dir = mkdtempSync(join(tmpdir(), 'promtool-'));
  try {
    for (const [name, content] of Object.entries(files)) writeFileSync(join(dir, name), stringify(content));
    const result = spawnSync('promtool', [...args, ...targets], { cwd: dir, encoding: 'utf8' });
    return { status: result.status, output: `${result.stdout ?? ''}${result.stderr ?? ''}` };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

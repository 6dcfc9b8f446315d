import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { ARTIFACT_FILES, MANIFEST_FILE, MANIFEST_FORMAT_VERSION } from '../backup.constants';

export interface ArtifactEntry {
  file: string;
  size: number;
  sha256: string;
}

export interface FilesSummary {
  /** The directories archived, under these top-level names inside files.tar.gz. */
  sources: { name: string; dir: string; existed: boolean }[];
  count: number;
  bytes: number;
}

/** manifest.json: what the backup holds and how to check it, written once all artifacts are complete. */
export interface BackupManifest {
  formatVersion: number;
  id: string;
  trigger: 'SCHEDULED' | 'MANUAL';
  host: string;
  appVersion: string;
  /** Newest migration applied to the dumped database (in the dump's snapshot). */
  migrationHead: string | null;
  startedAt: string;
  finishedAt: string;
  artifacts: ArtifactEntry[];
  /** Exact row counts of every table, read in the dump's snapshot. */
  rowCounts: Record<string, number>;
  database: { name: string; serverVersion: string; encoding: string };
  redis: { serverVersion: string | null };
  files: FilesSummary;
  tools: Record<string, string>;
}

export async function writeManifest(dir: string, manifest: BackupManifest): Promise<number> {
  const text = `${JSON.stringify(manifest, null, 2)}\n`;
  await writeFile(join(dir, MANIFEST_FILE), text, { flag: 'wx' });
  return Buffer.byteLength(text);
}

/** Reads and sanity-checks a manifest; artifact names must be plain file names (no paths). */
export async function readManifest(dir: string): Promise<BackupManifest> {
  const manifest = JSON.parse(await readFile(join(dir, MANIFEST_FILE), 'utf8')) as BackupManifest;
  const problems = manifestProblems(manifest);
  if (problems.length) throw new Error(`invalid ${MANIFEST_FILE} in ${dir}: ${problems.join('; ')}`);
  return manifest;
}

function manifestProblems(manifest: BackupManifest): string[] {
  if (typeof manifest !== 'object' || manifest === null) return ['not a JSON object'];
  const problems: string[] = [];
  if (typeof manifest.formatVersion !== 'number') problems.push('formatVersion missing');
  else if (manifest.formatVersion > MANIFEST_FORMAT_VERSION)
    problems.push(`format version ${manifest.formatVersion} is newer than this release understands (${MANIFEST_FORMAT_VERSION})`);
  if (!Array.isArray(manifest.artifacts)) return [...problems, 'artifacts missing'];
  for (const artifact of manifest.artifacts) {
    if (!(ARTIFACT_FILES as readonly string[]).includes(artifact?.file))
      problems.push(`unexpected artifact ${JSON.stringify(artifact?.file)}`);
    else if (!Number.isInteger(artifact.size) || !/^[0-9a-f]{64}$/.test(artifact.sha256))
      problems.push(`${artifact.file}: size or sha256 malformed`);
  }
  for (const file of ARTIFACT_FILES)
    if (!manifest.artifacts.some((artifact) => artifact?.file === file)) problems.push(`${file} not listed`);
  return problems;
}

export function totalSize(manifest: BackupManifest, manifestBytes = 0): number {
  return manifest.artifacts.reduce((sum, artifact) => sum + artifact.size, manifestBytes);
}

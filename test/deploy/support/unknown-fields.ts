import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LoadedManifest } from './manifests';
import { repoPath } from './paths';

/**
 * kubernetes-models' validate() lets unknown fields through, so a typo such as
 * `readOnlyRootFileSystem` would pass it (and the API server refuse it, or an old kubectl drop it
 * silently). Its TypeScript interfaces are exact: written as object literals typed with them, the
 * manifests make tsc report every field Kubernetes does not know. Returns those reports.
 */
export function unknownFields(manifests: LoadedManifest[]): string[] {
  const lines: string[] = [];
  const owners: string[] = [];
  manifests.forEach(({ file, doc }, index) => {
    const module = require.resolve(`kubernetes-models/${doc.apiVersion}/${doc.kind}`).replace(/\.js$/, '');
    const literal = `import type { I${doc.kind} as T${index} } from ${JSON.stringify(module)};\nexport const m${index}: T${index} = ${JSON.stringify(doc, null, 1)};`;
    for (const line of literal.split('\n')) {
      lines.push(line);
      owners.push(`${file}: ${doc.kind}/${doc.metadata.name}`);
    }
  });
  const dir = mkdtempSync(join(tmpdir(), 'k8s-fields-'));
  try {
    writeFileSync(join(dir, 'manifests.ts'), lines.join('\n'));
    const tsc = spawnSync(
      process.execPath,
      [
        repoPath('node_modules/typescript/bin/tsc'),
        '--noEmit',
        '--strict',
        '--skipLibCheck',
        '--target',
        'es2022',
        '--moduleResolution',
        'node',
        'manifests.ts',
      ],
      { cwd: dir, encoding: 'utf8' },
    );
    if (tsc.error) throw tsc.error;
    return tsc.stdout
      .split('\n')
      .filter((line) => line.includes('error TS'))
      .map((line) => `${owners[Number(/\((\d+),/.exec(line)?.[1]) - 1] ?? '?'}: ${line.replace(/^.*error TS\d+: /, '')}`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

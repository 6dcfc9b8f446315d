import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

/** Tests that run real processes (SIGTERM, SIGKILL, several instances) start the compiled apps. */
export default function globalSetup(): void {
  if (process.env.SKIP_BUILD === 'true') return; // a developer iterating on in-process tests
  const root = join(__dirname, '..', '..');
  for (const args of [
    ['node_modules/typescript/bin/tsc', '-p', 'tsconfig.build.json'],
    ['node_modules/tsc-alias/dist/bin/index.js', '-p', 'tsconfig.build.json'],
  ]) {
    const result = spawnSync(process.execPath, args, { cwd: root, stdio: 'inherit' });
    if (result.status !== 0) throw new Error(`build failed: ${args.join(' ')}`);
  }
  // The browser tests need the web console; a no-op when apps/web did not change since the last build.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { buildWebIfChanged } = require(join(root, 'scripts', 'build-web.js')) as { buildWebIfChanged: () => number };
  if (buildWebIfChanged() !== 0) throw new Error('build failed: the web console (npm run build:web)');
}

import { join } from 'node:path';

/** Tests that run real processes (SIGTERM, SIGKILL, several instances) start the compiled apps. */
export default function globalSetup(): void {
  if (process.env.SKIP_BUILD === 'true') return; // a developer iterating on in-process tests
  // The same steps as npm start: each is a no-op when its sources did not change since its last build.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const build = require(join(__dirname, '..', '..', 'scripts', 'build-steps.js')) as Record<
    'buildApiIfChanged' | 'buildWebIfChanged',
    () => number
  >;
  if (build.buildApiIfChanged() !== 0) throw new Error('build failed: the API (tsc -p tsconfig.build.json)');
  if (build.buildWebIfChanged() !== 0) throw new Error('build failed: the web console (npm run build:web)');
}

// Two projects: `unit` (pure logic beside the code, no services) and `e2e` (test/, the real
// PostgreSQL and Redis; each file makes its own database and Redis key prefix).
const swc = [
  '@swc/jest',
  {
    jsc: {
      parser: { syntax: 'typescript', decorators: true },
      transform: { legacyDecorator: true, decoratorMetadata: true },
      target: 'es2022',
      keepClassNames: true,
    },
    module: { type: 'commonjs' },
    sourceMaps: 'inline',
  },
];

// The pinned AWS SDK announces that its releases after January 2027 need Node 22; the project is on Node
// 20 with that SDK version pinned, so the notice is known and only clutters test output.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

const moduleNameMapper = { '^@app/([a-z-]+)$': '<rootDir>/libs/$1/src' };

const common = {
  rootDir: __dirname,
  transform: { '^.+\\.ts$': swc },
  moduleFileExtensions: ['ts', 'js', 'json'],
  moduleNameMapper,
  testEnvironment: 'node',
};

module.exports = {
  // Most e2e time is spent waiting on PostgreSQL, Redis and child processes, so use both cores.
  maxWorkers: 2,
  // Per-project testTimeout is ignored by Jest; e2e tests wait on real services and processes.
  testTimeout: 60_000,
  // After its last file a worker must exit on its own within this, or Jest kills it and warns of a leak.
  // Every e2e file ends with nothing of ours left open (checked with async_hooks and
  // process.getActiveResourcesInfo() after each file), but a worker that loaded Nest, Prisma's
  // WebAssembly and Playwright can take longer than the default 500 ms to exit on a loaded 2-core machine.
  workerGracefulExitTimeout: 5_000,
  projects: [
    { ...common, displayName: 'unit', testMatch: ['<rootDir>/{apps,libs}/**/*.spec.ts'] },
    {
      ...common,
      displayName: 'e2e',
      testMatch: ['<rootDir>/test/**/*.e2e-spec.ts'],
      globalSetup: '<rootDir>/test/support/global-setup.ts',
    },
  ],
};

import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { byKeyword, copySteps, execForm, readStages, runCommands, Stage } from './support/dockerfile';
import { REPO_ROOT, repoPath } from './support/paths';

const ENTRYPOINT_SCRIPT = 'docker/entrypoint.sh';

/** Runs docker/entrypoint.sh against this checkout's dist/ (built by the e2e globalSetup). */
function entrypoint(args: string[], env: Record<string, string> = {}) {
  // cwd: a folder without .env, so the apps see only the environment given here.
  return spawnSync('sh', [repoPath(ENTRYPOINT_SCRIPT), ...args], {
    cwd: tmpdir(),
    encoding: 'utf8',
    timeout: 30_000,
    env: { PATH: process.env.PATH ?? '', APP_ROOT: REPO_ROOT, ENV_FILE: '/nonexistent/.env', ...env },
  });
}

describe('Dockerfile', () => {
  const stages = readStages();
  const stage = (name: string): Stage => {
    const found = stages.find((s) => s.name === name);
    if (!found) throw new Error(`no stage "${name}" (have ${stages.map((s) => s.name).join(', ')})`);
    return found;
  };
  const runtime = stage('runtime');

  it('has deps, prod-deps, build and runtime stages, runtime last', () => {
    expect(stages.map((s) => s.name)).toEqual(expect.arrayContaining(['deps', 'prod-deps', 'build', 'runtime']));
    expect(stages.at(-1)!.name).toBe('runtime');
  });

  it('installs locked dependencies with npm ci, production-only ones for the runtime', () => {
    expect(copySteps(stage('deps')).flatMap((c) => c.sources)).toContain('package-lock.json');
    expect(runCommands(stage('deps')).join('\n')).toMatch(/npm ci\b/);
    expect(runCommands(stage('prod-deps')).join('\n')).toMatch(/npm ci\b.*--omit=dev/);
    const copies = copySteps(runtime);
    expect(copies).toContainEqual({ from: 'prod-deps', sources: ['/app/node_modules'], target: './node_modules' });
    expect(copies).toContainEqual({ from: 'build', sources: ['/app/dist'], target: './dist' });
  });

  it('skips install scripts only where package.json denies them anyway', () => {
    // --ignore-scripts reproduces npm 11's allowScripts result with node:20's npm 10 only while
    // every package with an install script is denied there.
    const lock = JSON.parse(readFileSync(repoPath('package-lock.json'), 'utf8')) as {
      packages: Record<string, { hasInstallScript?: boolean }>;
    };
    const allow =
      (JSON.parse(readFileSync(repoPath('package.json'), 'utf8')) as { allowScripts?: Record<string, boolean> }).allowScripts ?? {};
    const withScripts = Object.entries(lock.packages)
      .filter(([path, meta]) => path !== '' && meta.hasInstallScript)
      .map(([path]) => path.replace(/^.*node_modules\//, ''));
    expect(withScripts.filter((name) => allow[name] !== false)).toEqual([]);
    for (const name of ['deps', 'prod-deps']) expect(runCommands(stage(name)).join('\n')).toContain('--ignore-scripts');
  });

  it('generates the Prisma client and builds, and the build output holds the generated client', () => {
    const build = runCommands(stage('build')).join('\n');
    expect(build.indexOf('npm run db:generate')).toBeGreaterThanOrEqual(0);
    expect(build.indexOf('npm run build')).toBeGreaterThan(build.indexOf('npm run db:generate'));
    // dist/ of this checkout comes from the same tsc build (globalSetup).
    expect(existsSync(repoPath('dist/libs/database/src/generated/prisma/client.js'))).toBe(true);
  });

  it('copies only sources that exist and that .dockerignore lets through', () => {
    const ignored = dockerignore();
    const sources = stages.flatMap((s) =>
      copySteps(s)
        .filter((c) => c.from === null)
        .flatMap((c) => c.sources),
    );
    expect(sources.length).toBeGreaterThan(0);
    for (const source of sources) {
      expect([source, existsSync(repoPath(source))]).toEqual([source, true]);
      expect([source, ignored.includes(source)]).toEqual([source, false]);
    }
  });

  it('runs on slim Node 20 as a non-root numeric user', () => {
    expect(runtime.base).toMatch(/^node:20(\.[\d.]+)?-(bookworm-)?slim(@sha256:[0-9a-f]{64})?$/);
    const users = byKeyword(runtime, 'USER').map((u) => u.getArgumentsContent() ?? '');
    expect(users.length).toBeGreaterThan(0);
    const [uid, gid] = users.at(-1)!.split(':');
    expect(uid).toMatch(/^\d+$/);
    expect(Number(uid)).toBeGreaterThan(0);
    if (gid !== undefined) expect(Number(gid)).toBeGreaterThan(0);
  });

  it('installs pg_dump for PostgreSQL 15 and redis-cli, and ships the migrations', () => {
    const apt = runCommands(runtime).find((cmd) => cmd.includes('apt-get install')) ?? '';
    expect(apt).toMatch(/\bpostgresql-client-15\b/);
    expect(apt).toMatch(/\bredis-tools\b/);
    expect(copySteps(runtime)).toContainEqual({ from: null, sources: ['prisma/migrations'], target: './prisma/migrations' });
  });

  it('checks liveness with node fetch on /health/live', () => {
    const [healthcheck] = byKeyword(runtime, 'HEALTHCHECK');
    const command = execForm(healthcheck);
    expect(command.slice(0, 2)).toEqual(['node', '-e']);
    expect(command[2]).toContain('/health/live');
    expect(command[2]).toContain('fetch(');
  });

  it('starts the api by default through docker/entrypoint.sh', () => {
    const entry = execForm(byKeyword(runtime, 'ENTRYPOINT').at(-1)!);
    expect(entry.at(-1)).toBe(`/app/${ENTRYPOINT_SCRIPT}`);
    expect(execForm(byKeyword(runtime, 'CMD').at(-1)!)).toEqual(['api']);
    expect(copySteps(runtime).flatMap((c) => c.sources)).toContain(ENTRYPOINT_SCRIPT);
  });
});

describe('docker/entrypoint.sh', () => {
  const script = readFileSync(repoPath(ENTRYPOINT_SCRIPT), 'utf8');

  it.each(['api', 'worker', 'cli'])('maps %s to its built main.js', (app) => {
    const path = `dist/apps/${app}/src/main.js`;
    expect(script).toContain(`${app}) exec node "$APP_ROOT/${path}"`);
    expect(existsSync(repoPath(path))).toBe(true);
  });

  it('runs the CLI with its arguments', () => {
    const result = entrypoint(['cli', '--help']);
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    expect(result.stdout).toContain('migrate');
  });

  it.each([[[]], [['api']], [['worker']]])('starts the app for %j (refused here: production without secrets)', (args) => {
    const result = entrypoint(args, { NODE_ENV: 'production' });
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('Configuration refused (NODE_ENV=production)');
    expect(result.stderr).toContain('JWT_SECRET');
  });

  it('refuses an unknown process with a usage line', () => {
    const result = entrypoint(['wroker']);
    expect(result.status).toBe(64);
    expect(result.stderr).toContain('usage:');
  });
});

describe('.dockerignore', () => {
  it.each(['node_modules', 'dist', '.env', '.git'])('keeps %s out of the build context', (entry) => {
    expect(dockerignore()).toContain(entry);
  });
});

function dockerignore(): string[] {
  return readFileSync(repoPath('.dockerignore'), 'utf8')
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line && !line.startsWith('#'));
}

import { spawn, spawnSync } from 'node:child_process';
import { closeSync, mkdirSync, openSync, readdirSync, symlinkSync, truncateSync, writeSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { AppProcess, freePort, waitFor } from '../support/processes';
import { testRawEnv } from '../support/test-config';
import { createTestDatabase } from '../support/test-database';
import { deleteRedisKeys, prismaFor, runCli, seedDomain, startSlack, tempDir, testPrefix, writeUploads } from './support/backup-test-kit';

/** A small tmpfs makes "disk full" real; it needs root (CI containers here run as root). */
function canMountTmpfs(): boolean {
  if (process.getuid?.() !== 0) return false;
  const probe = tempDir('wp-mount-probe');
  const mounted = spawnSync('mount', ['-t', 'tmpfs', '-o', 'size=64k', 'tmpfs', probe]).status === 0;
  if (mounted) spawnSync('umount', [probe]);
  spawnSync('rmdir', [probe]);
  return mounted;
}

/** Fills a filesystem, then frees a little: enough for folders, not for the artifacts. */
function fillUp(dir: string, leaveBytes: number): void {
  const filler = join(dir, 'filler');
  const fd = openSync(filler, 'w');
  const block = Buffer.alloc(64 * 1024, 1);
  let written = 0;
  try {
    for (;;) written += writeSync(fd, block);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOSPC') throw error;
  } finally {
    closeSync(fd);
  }
  truncateSync(filler, Math.max(0, written - leaveBytes));
}

describe('backup failures end FAILED with the cause, clean up and notify', () => {
  const prefix = testPrefix();
  const work = tempDir('wp-backup-fail');
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  let slack: Awaited<ReturnType<typeof startSlack>>;
  let env: Record<string, string>;

  beforeAll(async () => {
    [db, slack] = await Promise.all([createTestDatabase(), startSlack()]);
    await seedDomain(db.url);
    await writeUploads(join(work, 'uploads'));
    env = testRawEnv({
      DATABASE_URL: db.url,
      REDIS_KEY_PREFIX: prefix,
      BACKUP_DIR: join(work, 'backups'),
      UPLOAD_DIR: join(work, 'uploads'),
      SLACK_WEBHOOK_URL: slack.url,
    });
  });

  afterAll(async () => {
    await Promise.all([db?.drop(), slack?.close(), deleteRedisKeys(prefix)]);
    await rm(work, { recursive: true, force: true });
  });

  beforeEach(() => slack.messages.splice(0));

  async function recordOf(id: string) {
    const prisma = prismaFor(db.url);
    try {
      return await prisma.backupRecord.findUniqueOrThrow({ where: { id } });
    } finally {
      await prisma.$disconnect();
    }
  }

  async function latestRecordId(): Promise<string | undefined> {
    const prisma = prismaFor(db.url);
    try {
      return (await prisma.backupRecord.findFirst({ orderBy: { startedAt: 'desc' } }))?.id;
    } finally {
      await prisma.$disconnect();
    }
  }

  it('pg_dump missing from PATH', async () => {
    const bin = join(work, 'bin-without-pg_dump');
    mkdirSync(bin);
    const redisCli = spawnSync('sh', ['-c', 'command -v redis-cli']).stdout.toString().trim();
    symlinkSync(redisCli, join(bin, 'redis-cli'));

    const run = await runCli({ ...env, PATH: bin }, ['backup', 'run']);
    expect(run.code).toBe(1);
    expect(run.log).toMatch(/error: backup \S+ FAILED: pg_dump: not found on PATH \(install the PostgreSQL client tools/);
    const id = /backup (\S+) FAILED/.exec(run.log)![1];
    expect(readdirSync(join(work, 'backups'))).toEqual([]);
    expect(await recordOf(id)).toMatchObject({ status: 'FAILED', error: expect.stringContaining('pg_dump: not found on PATH') });
    expect(slack.messages).toEqual([expect.stringMatching(new RegExp(`Backup ${id} FAILED .*pg_dump: not found on PATH`))]);
  });

  it('SIGTERM during a run (a pod stopping): FAILED as interrupted, nothing left behind, Slack told', async () => {
    // A Redis of our own that holds replication snapshots for 30 s gives a wide window to signal in.
    const port = await freePort();
    const redis = spawn(
      'redis-server',
      ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--repl-diskless-sync-delay', '30'],
      { stdio: 'ignore' },
    );
    const backups = join(work, 'backups-sigterm');
    try {
      await waitFor('redis-server', async () =>
        spawnSync('redis-cli', ['-p', String(port), 'ping'])
          .stdout.toString()
          .includes('PONG'),
      );
      const cli = AppProcess.spawn('cli', { ...env, BACKUP_DIR: backups, REDIS_URL: `redis://127.0.0.1:${port}` }, ['backup', 'run']);
      await waitFor('the run to start writing', async () => readdirSync(backups).some((entry) => entry.endsWith('.partial')), 20_000);
      cli.signal('SIGTERM');
      expect(await cli.exited).not.toBe(0);
      expect(readdirSync(backups)).toEqual([]);
      const id = (await latestRecordId())!;
      expect(await recordOf(id)).toMatchObject({ status: 'FAILED', error: 'interrupted: the process is shutting down' });
      expect(slack.messages).toEqual([
        expect.stringMatching(new RegExp(`Backup ${id} FAILED .*interrupted: the process is shutting down`)),
      ]);
    } finally {
      redis.kill('SIGKILL');
    }
  });

  (canMountTmpfs() ? it : it.skip)('disk full (a 1 MB tmpfs as BACKUP_DIR)', async () => {
    const disk = join(work, 'small-disk');
    mkdirSync(disk);
    expect(spawnSync('mount', ['-t', 'tmpfs', '-o', 'size=1m', 'tmpfs', disk]).status).toBe(0);
    try {
      fillUp(disk, 32 * 1024);
      const run = await runCli({ ...env, BACKUP_DIR: disk }, ['backup', 'run']);
      expect(run.code).toBe(1);
      expect(run.log).toMatch(/error: backup \S+ FAILED: .*(disk full \(ENOSPC\)|No space left on device)/);
      const id = /backup (\S+) FAILED/.exec(run.log)![1];
      expect(readdirSync(disk)).toEqual(['filler']);
      expect(await recordOf(id)).toMatchObject({ status: 'FAILED' });
      expect(slack.messages).toEqual([expect.stringMatching(new RegExp(`Backup ${id} FAILED`))]);
    } finally {
      spawnSync('umount', ['-l', disk]);
    }
  });
});

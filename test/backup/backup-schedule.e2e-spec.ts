import { INestApplicationContext } from '@nestjs/common';
import { SchedulerRegistry } from '@nestjs/schedule';
import { readdirSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { BACKUP_CRON_JOB, BackupScheduler } from '@app/backup';
import { PrismaClient } from '@app/database';
import { waitFor } from '../support/processes';
import { createTestDatabase } from '../support/test-database';
import { backupContext } from './support/backup-context';
import { deleteRedisKeys, prismaFor, tempDir, testPrefix, writeUploads } from './support/backup-test-kit';

/** Two replicas (two application contexts, one Redis, one database) tick at the same moment. */
describe('scheduled backups run once across replicas', () => {
  const prefix = testPrefix();
  const work = tempDir('wp-backup-schedule');
  const backups = join(work, 'backups');
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  let prisma: PrismaClient;
  let env: Record<string, string>;
  const replicas: INestApplicationContext[] = [];

  async function startReplicas(overrides: Record<string, string> = {}): Promise<BackupScheduler[]> {
    const started = await Promise.all([
      backupContext({ ...env, ...overrides }, { schedule: true }),
      backupContext({ ...env, ...overrides }, { schedule: true }),
    ]);
    replicas.push(...started);
    return started.map((app) => app.get(BackupScheduler));
  }

  async function stopReplicas(): Promise<void> {
    await Promise.all(replicas.splice(0).map((app) => app.close()));
  }

  beforeAll(async () => {
    db = await createTestDatabase();
    prisma = prismaFor(db.url);
    await writeUploads(join(work, 'uploads'));
    env = {
      DATABASE_URL: db.url,
      REDIS_KEY_PREFIX: prefix,
      BACKUP_DIR: backups,
      UPLOAD_DIR: join(work, 'uploads'),
      BACKUP_ENABLED: 'true',
    };
  });

  afterEach(() => stopReplicas());

  afterAll(async () => {
    await prisma?.$disconnect();
    await db?.drop();
    await deleteRedisKeys(prefix);
    await rm(work, { recursive: true, force: true });
  });

  it('registers the BACKUP_CRON job; both handlers fire at once and exactly one backup runs', async () => {
    const [a, b] = await startReplicas();
    for (const app of replicas) expect(app.get(SchedulerRegistry).getCronJob(BACKUP_CRON_JOB).cronTime.source).toBe('0 2 * * *');

    const tick = new Date();
    const outcomes = await Promise.all([a.runScheduled(tick), b.runScheduled(tick)]);
    expect(outcomes.sort()).toEqual(['ran', 'skipped']);
    const records = await prisma.backupRecord.findMany();
    expect(records).toEqual([expect.objectContaining({ trigger: 'SCHEDULED', status: 'SUCCEEDED' })]);
    expect(readdirSync(backups)).toEqual([records[0].id]);
  });

  it('on a real cron tick, two replicas produce one backup', async () => {
    const before = await prisma.backupRecord.count();
    const fireAt = new Date(Date.now() + 6_000);
    await startReplicas({ BACKUP_CRON: `${fireAt.getUTCSeconds()} * * * * *` });

    await waitFor(
      'the scheduled backup',
      async () => (await prisma.backupRecord.count({ where: { status: 'SUCCEEDED' } })) > before,
      40_000,
      250,
    );
    await new Promise((resolve) => setTimeout(resolve, 2_000)); // time for a second run, if there were one
    const records = await prisma.backupRecord.findMany({ orderBy: { startedAt: 'asc' } });
    expect(records).toHaveLength(before + 1);
    expect(records.at(-1)).toMatchObject({ trigger: 'SCHEDULED', status: 'SUCCEEDED' });
    expect(records.at(-1)!.startedAt.getTime()).toBeGreaterThanOrEqual(fireAt.getTime() - 1_000);
  }, 60_000);

  it('with BACKUP_ENABLED=false nothing is scheduled and the handler does nothing', async () => {
    const [a] = await startReplicas({ BACKUP_ENABLED: 'false' });
    expect(replicas[0].get(SchedulerRegistry).doesExist('cron', BACKUP_CRON_JOB)).toBe(false);
    expect(await a.runScheduled()).toBe('disabled');
  });
});

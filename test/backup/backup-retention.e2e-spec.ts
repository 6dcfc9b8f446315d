import { ListObjectsV2Command, PutObjectCommand } from '@aws-sdk/client-s3';
import { INestApplicationContext } from '@nestjs/common';
import { readdirSync, readFileSync } from 'node:fs';
import { cp, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { BackupRecordsService, BackupRetentionService, BackupService, backupIdFor } from '@app/backup';
import { createTestDatabase } from '../support/test-database';
import { backupContext } from './support/backup-context';
import {
  deleteRedisKeys,
  prismaFor,
  S3_BUCKET,
  S3_CREDENTIALS,
  startS3,
  tempDir,
  testPrefix,
  writeUploads,
} from './support/backup-test-kit';

const DAY = 86_400_000;

describe('retention (BACKUP_RETENTION_DAYS, local and S3)', () => {
  const prefix = testPrefix();
  const work = tempDir('wp-backup-retention');
  const backups = join(work, 'backups');
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  let s3: Awaited<ReturnType<typeof startS3>>;
  let app: INestApplicationContext;

  beforeAll(async () => {
    [db, s3] = await Promise.all([createTestDatabase(), startS3()]);
    await writeUploads(join(work, 'uploads'));
    app = await backupContext({
      DATABASE_URL: db.url,
      REDIS_KEY_PREFIX: prefix,
      BACKUP_DIR: backups,
      UPLOAD_DIR: join(work, 'uploads'),
      BACKUP_RETENTION_DAYS: '30',
      S3_ENDPOINT: s3.endpoint,
      S3_BUCKET,
      S3_PREFIX: 'keep/',
      S3_FORCE_PATH_STYLE: 'true',
      S3_ACCESS_KEY_ID: S3_CREDENTIALS.accessKeyId,
      S3_SECRET_ACCESS_KEY: S3_CREDENTIALS.secretAccessKey,
    });
  });

  afterAll(async () => {
    await app?.close();
    await Promise.all([db?.drop(), s3?.close(), deleteRedisKeys(prefix)]);
    await rm(work, { recursive: true, force: true });
  });

  async function s3Ids(): Promise<string[]> {
    const listed = await s3.client.send(new ListObjectsV2Command({ Bucket: S3_BUCKET, Prefix: 'keep/' }));
    return [...new Set((listed.Contents ?? []).map((object) => object.Key!.split('/')[1]))].sort();
  }

  /** An older backup, local and on S3: a copy of a real one under an id from the past. */
  async function plantBackup(from: string, at: Date): Promise<string> {
    const id = backupIdFor(at);
    await cp(join(backups, from), join(backups, id), { recursive: true });
    for (const file of readdirSync(join(backups, id)))
      await s3.client.send(
        new PutObjectCommand({ Bucket: S3_BUCKET, Key: `keep/${id}/${file}`, Body: readFileSync(join(backups, id, file)) }),
      );
    return id;
  }

  it('deletes backups older than the retention locally and on S3, keeps the newer ones', async () => {
    const current = await app.get(BackupService).run('MANUAL');
    const now = Date.now();
    const [old40, old35, recent] = [
      await plantBackup(current.id, new Date(now - 40 * DAY)),
      await plantBackup(current.id, new Date(now - 35 * DAY)),
      await plantBackup(current.id, new Date(now - 10 * DAY)),
    ];
    expect(await s3Ids()).toEqual([old40, old35, recent, current.id].sort());

    const result = await app.get(BackupRetentionService).prune(new Date(now));
    expect(result).toEqual({ deletedLocal: [old40, old35].sort(), deletedS3: [old40, old35].sort(), protectedId: current.id });
    expect(readdirSync(backups).sort()).toEqual([recent, current.id].sort());
    expect(await s3Ids()).toEqual([recent, current.id].sort());
  });

  it('never deletes the newest successful backup, however old; a backup recorded FAILED does not count as successful', async () => {
    const [recent, current] = readdirSync(backups).sort();
    // `current` failed a later verification: `recent` is now the newest successful backup.
    await app.get(BackupRecordsService).markVerificationFailed(current, 'postgres.sql.gz: SHA-256 mismatch');

    const result = await app.get(BackupRetentionService).prune(new Date(Date.now() + 100 * DAY));
    expect(result).toEqual({ deletedLocal: [current], deletedS3: [current], protectedId: recent });
    expect(readdirSync(backups)).toEqual([recent]);
    expect(await s3Ids()).toEqual([recent]);

    const prisma = prismaFor(db.url);
    try {
      expect((await prisma.backupRecord.findUniqueOrThrow({ where: { id: current } })).deletedAt).not.toBeNull();
    } finally {
      await prisma.$disconnect();
    }
  });
});

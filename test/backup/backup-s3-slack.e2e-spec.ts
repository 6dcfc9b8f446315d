import { GetObjectCommand, HeadObjectCommand, ListObjectsV2Command } from '@aws-sdk/client-s3';
import { randomBytes } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { BackupManifest, defaultRestoreDatabaseName } from '@app/backup';
import { freePort } from '../support/processes';
import { testRawEnv } from '../support/test-config';
import { createTestDatabase, dropDatabase } from '../support/test-database';
import {
  backupIdFrom,
  deleteRedisKeys,
  prismaFor,
  runCli,
  S3_BUCKET,
  S3_CREDENTIALS,
  seedDomain,
  startS3,
  startSlack,
  tempDir,
  testPrefix,
  writeUploads,
} from './support/backup-test-kit';

const BYTES = /\d+(\.\d)? (B|KB|MB)/;
const DURATION = /in \d+(\.\d)? s/;

/** S3 against s3rver and Slack against a local listener, both on loopback; the CLI runs as a real process. */
describe('backup to S3 with Slack notices', () => {
  const prefix = testPrefix();
  const work = tempDir('wp-backup-s3');
  const backups = join(work, 'backups');
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  let s3: Awaited<ReturnType<typeof startS3>>;
  let slack: Awaited<ReturnType<typeof startSlack>>;
  let env: Record<string, string>;
  let uploadedId: string;

  beforeAll(async () => {
    [db, s3, slack] = await Promise.all([createTestDatabase(), startS3(), startSlack()]);
    await seedDomain(db.url);
    // 20 MB of incompressible data makes files.tar.gz large enough for a multipart upload.
    await writeUploads(join(work, 'uploads'), { 'big.bin': randomBytes(20 * 1024 * 1024) });
    env = testRawEnv({
      DATABASE_URL: db.url,
      REDIS_KEY_PREFIX: prefix,
      BACKUP_DIR: backups,
      UPLOAD_DIR: join(work, 'uploads'),
      S3_ENDPOINT: s3.endpoint,
      S3_BUCKET,
      S3_PREFIX: 'nightly/',
      S3_FORCE_PATH_STYLE: 'true',
      S3_ACCESS_KEY_ID: S3_CREDENTIALS.accessKeyId,
      S3_SECRET_ACCESS_KEY: S3_CREDENTIALS.secretAccessKey,
      SLACK_WEBHOOK_URL: slack.url,
    });
  });

  afterAll(async () => {
    if (uploadedId) await dropDatabase(defaultRestoreDatabaseName(db.name, uploadedId));
    await Promise.all([db?.drop(), s3?.close(), slack?.close(), deleteRedisKeys(prefix)]);
    await rm(work, { recursive: true, force: true });
  });

  beforeEach(() => slack.messages.splice(0));

  it('uploads every artifact under S3_PREFIX/<id>/ as STANDARD_IA and posts the success with size and duration', async () => {
    const run = await runCli(env, ['backup', 'run']);
    expect(run.code).toBe(0);
    const id = (uploadedId = backupIdFrom(run.log));
    expect(run.log).toContain(`s3:     s3://${S3_BUCKET}/nightly/${id}/`);

    const listed = await s3.client.send(new ListObjectsV2Command({ Bucket: S3_BUCKET, Prefix: 'nightly/' }));
    const keys = (listed.Contents ?? []).map((object) => object.Key).sort();
    expect(keys).toEqual(['files.tar.gz', 'manifest.json', 'postgres.sql.gz', 'redis.rdb'].map((file) => `nightly/${id}/${file}`));

    const manifest = JSON.parse(readFileSync(join(backups, id, 'manifest.json'), 'utf8')) as BackupManifest;
    expect(manifest.artifacts.find((artifact) => artifact.file === 'files.tar.gz')!.size).toBeGreaterThan(16 * 1024 * 1024); // multipart
    for (const artifact of manifest.artifacts) {
      const key = `nightly/${id}/${artifact.file}`;
      // s3rver keeps the storage class each request set (ListObjects always says STANDARD, HEAD tells the truth).
      const head = await s3.client.send(new HeadObjectCommand({ Bucket: S3_BUCKET, Key: key }));
      expect(head.StorageClass).toBe('STANDARD_IA');
      expect(head.Metadata?.sha256).toBe(artifact.sha256);
      const object = await s3.client.send(new GetObjectCommand({ Bucket: S3_BUCKET, Key: key }));
      expect(Buffer.from(await object.Body!.transformToByteArray()).equals(readFileSync(join(backups, id, artifact.file)))).toBe(true);
    }

    expect(slack.messages).toHaveLength(1);
    expect(slack.messages[0]).toContain(`Backup ${id} succeeded`);
    expect(slack.messages[0]).toMatch(BYTES);
    expect(slack.messages[0]).toMatch(DURATION);
    expect(slack.messages[0]).toContain(`s3://${S3_BUCKET}/nightly/${id}/`);
  });

  it('a backup left only on S3 (a new machine) is fetched for verify and restore', async () => {
    await rm(join(backups, uploadedId), { recursive: true });
    const verify = await runCli(env, ['backup', 'verify', uploadedId]);
    expect(verify.log).toContain(`Backup ${uploadedId} verified OK`);
    expect(verify.code).toBe(0);
    expect(readdirSync(join(backups, uploadedId)).sort()).toEqual(['files.tar.gz', 'manifest.json', 'postgres.sql.gz', 'redis.rdb']);

    await rm(join(backups, uploadedId), { recursive: true });
    const restore = await runCli(env, ['backup', 'restore', uploadedId]);
    expect(restore.log).toContain(`Restored backup ${uploadedId}`);
    expect(restore.code).toBe(0);
  });

  it('S3 unreachable: the run ends FAILED with the cause, leaves no artifacts behind and tells Slack', async () => {
    const before = readdirSync(backups);
    const closed = await freePort();
    const run = await runCli({ ...env, S3_ENDPOINT: `http://127.0.0.1:${closed}` }, ['backup', 'run']);
    expect(run.code).toBe(1);
    expect(run.log).toMatch(/error: backup \S+ FAILED: s3: upload to http:\/\/127\.0\.0\.1:\d+ bucket wp-backups failed: .*ECONNREFUSED/);
    const id = /backup (\S+) FAILED/.exec(run.log)![1];

    expect(readdirSync(backups)).toEqual(before);
    const prisma = prismaFor(db.url);
    try {
      expect(await prisma.backupRecord.findUniqueOrThrow({ where: { id } })).toMatchObject({
        status: 'FAILED',
        error: expect.stringMatching(/^s3: .*ECONNREFUSED/),
      });
    } finally {
      await prisma.$disconnect();
    }
    expect(slack.messages).toHaveLength(1);
    expect(slack.messages[0]).toMatch(new RegExp(`Backup ${id} FAILED .* after \\d+(\\.\\d)? s: s3: .*ECONNREFUSED`));
  });

  it('tells Slack when pg_dump cannot dump (the database does not exist) and when Redis is unreachable', async () => {
    const missing = await runCli({ ...env, DATABASE_URL: db.url.replace(/\/([^/]+)$/, '/$1_missing') }, ['backup', 'run']);
    expect(missing.code).toBe(1);
    expect(missing.log).toMatch(/FAILED: postgres: .*does not exist/);

    const closed = await freePort();
    const redisDown = await runCli({ ...env, REDIS_URL: `redis://127.0.0.1:${closed}` }, ['backup', 'run']);
    expect(redisDown.code).toBe(1);
    expect(redisDown.log).toMatch(/FAILED: redis: .*Redis is unreachable at 127\.0\.0\.1:\d+/);

    expect(slack.messages).toHaveLength(2);
    expect(slack.messages[0]).toMatch(/FAILED .*does not exist/);
    expect(slack.messages[1]).toMatch(/FAILED .*Redis is unreachable/);
  });
});

import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Client } from 'pg';
import request from 'supertest';
import { BackupManifest, defaultRestoreDatabaseName, defaultRestoreUploadDir } from '@app/backup';
import { startApiWithUser } from '../support/test-app';
import { testRawEnv } from '../support/test-config';
import { createTestDatabase, databaseUrl, dropDatabase, uniqueName } from '../support/test-database';
import {
  backupIdFrom,
  deleteRedisKeys,
  prismaFor,
  runCli,
  seedDomain,
  sha256File,
  tableChecksums,
  tempDir,
  testPrefix,
  treeDigest,
  writeUploads,
} from './support/backup-test-kit';

/**
 * The whole round trip on this machine's PostgreSQL and Redis, through the compiled CLI as an operator
 * would run it: seed → backup run → restore into a fresh database → identical tables and files.
 */
describe('backup run / restore round trip through the CLI', () => {
  const prefix = testPrefix();
  const work = tempDir('wp-backup-rt');
  const uploads = join(work, 'uploads');
  const backups = join(work, 'backups');
  const extraDatabases: string[] = [];
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  let env: Record<string, string>;
  let id: string;

  beforeAll(async () => {
    db = await createTestDatabase();
    await seedDomain(db.url);
    await writeUploads(uploads);
    await uploadThroughApi(db.url, uploads);
    env = testRawEnv({ DATABASE_URL: db.url, REDIS_KEY_PREFIX: prefix, BACKUP_DIR: backups, UPLOAD_DIR: uploads });
  });

  afterAll(async () => {
    for (const name of extraDatabases) await dropDatabase(name);
    await db?.drop();
    await deleteRedisKeys(prefix);
    await rm(work, { recursive: true, force: true });
  });

  it('writes the four artifacts, each listed in manifest.json with its size and SHA-256', async () => {
    const run = await runCli(env, ['backup', 'run']);
    expect(run.code).toBe(0);
    id = backupIdFrom(run.log);
    extraDatabases.push(defaultRestoreDatabaseName(db.name, id));

    const dir = join(backups, id);
    expect(readdirSync(backups)).toEqual([id]);
    expect(readdirSync(dir).sort()).toEqual(['files.tar.gz', 'manifest.json', 'postgres.sql.gz', 'redis.rdb']);
    const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as BackupManifest;
    for (const artifact of manifest.artifacts) {
      expect(Object.keys(artifact).sort()).toEqual(['file', 'sha256', 'size']);
      expect(artifact.size).toBe(readFileSync(join(dir, artifact.file)).length);
      expect(artifact.sha256).toBe(await sha256File(join(dir, artifact.file)));
    }
    expect(manifest).toMatchObject({ id, formatVersion: 1, trigger: 'MANUAL', migrationHead: latestMigration() });
    expect(manifest.rowCounts).toMatchObject({
      users: 4,
      workflows: 6,
      executions: 30,
      execution_steps: 30,
      backup_records: 0,
      file_uploads: 3 + UPLOADED.length,
    });
    expect(manifest.files).toMatchObject({ count: 4 + UPLOADED.length });
    expect(Object.keys(manifest.tools)).toEqual(expect.arrayContaining(['pg_dump', 'redis-cli', 'node']));
    // An independent check with the system's gzip, as an operator would.
    for (const file of ['postgres.sql.gz', 'files.tar.gz']) expect(spawnSync('gzip', ['-t', join(dir, file)]).status).toBe(0);
  });

  it('restores into a fresh database with every table identical, and the files byte for byte', async () => {
    const restore = await runCli(env, ['backup', 'restore', id]);
    expect(restore.log).toContain(`Restored backup ${id}`);
    expect(restore.code).toBe(0);
    expect(restore.log).not.toContain('MISMATCH');

    const restoredUrl = databaseUrl(defaultRestoreDatabaseName(db.name, id));
    // The run's own record is written after the dump's snapshot, so only that row differs, by design.
    const source = await tableChecksums(db.url, { backup_records: `id <> '${id}'` });
    expect(Object.keys(source).length).toBeGreaterThanOrEqual(15);
    expect(await tableChecksums(restoredUrl)).toEqual(source);
    expect(await treeDigest(defaultRestoreUploadDir(uploads, id))).toEqual(await treeDigest(uploads));
  });

  it('lists the backup and records it SUCCEEDED', async () => {
    const list = await runCli(env, ['backup', 'list']);
    expect(list.code).toBe(0);
    expect(list.log).toMatch(new RegExp(`${id}\\s+SUCCEEDED\\s+MANUAL`));
    const prisma = prismaFor(db.url);
    try {
      const record = await prisma.backupRecord.findUniqueOrThrow({ where: { id } });
      expect(record).toMatchObject({ status: 'SUCCEEDED', trigger: 'MANUAL', location: join(backups, id), error: null });
      expect(Number(record.sizeBytes)).toBeGreaterThan(200_000);
      expect(record.verifiedAt).not.toBeNull();
    } finally {
      await prisma.$disconnect();
    }
  });

  it('verify passes, fails (exit 1, marked FAILED) once one byte of an artifact changes, and passes again once repaired', async () => {
    expect((await runCli(env, ['backup', 'verify', id])).code).toBe(0);

    const path = join(backups, id, 'postgres.sql.gz');
    const original = await readFile(path);
    const corrupt = Buffer.from(original);
    corrupt[Math.floor(corrupt.length / 2)] ^= 0xff;
    await writeFile(path, corrupt);
    const failed = await runCli(env, ['backup', 'verify', id]);
    expect(failed.code).toBe(1);
    expect(failed.log).toMatch(/FAILED verification/);
    expect(failed.log).toMatch(/postgres\.sql\.gz: SHA-256 mismatch/);
    expect((await runCli(env, ['backup', 'list'])).log).toMatch(new RegExp(`${id}\\s+FAILED`));
    // A corrupt backup is never restored.
    const never = uniqueName('wp_test_never');
    extraDatabases.push(never);
    const restore = await runCli(env, [
      'backup',
      'restore',
      id,
      '--target-database-url',
      databaseUrl(never),
      '--target-upload-dir',
      join(work, 'never'),
    ]);
    expect(restore.code).toBe(1);
    expect(restore.log).toMatch(/failed verification/);

    await writeFile(path, original);
    expect((await runCli(env, ['backup', 'verify', id])).code).toBe(0);
    expect((await runCli(env, ['backup', 'list'])).log).toMatch(new RegExp(`${id}\\s+SUCCEEDED`));
  });

  it('refuses to restore over the live database without --force, and leaves it untouched', async () => {
    const before = await tableChecksums(db.url);
    const refused = await runCli(env, ['backup', 'restore', id, '--target-database-url', db.url]);
    expect(refused.code).toBe(1);
    expect(refused.log).toMatch(/refusing to restore over the live database/);
    expect(await tableChecksums(db.url)).toEqual(before);
  });

  it('refuses a target database that holds tables, and replaces it with --force', async () => {
    const name = uniqueName('wp_test_target');
    extraDatabases.push(name);
    const admin = new Client({ connectionString: databaseUrl('postgres') });
    await admin.connect();
    await admin.query(`CREATE DATABASE "${name}"`);
    await admin.end();
    const target = new Client({ connectionString: databaseUrl(name) });
    await target.connect();
    await target.query('CREATE TABLE keep_me (id int)');
    await target.end();

    const args = ['backup', 'restore', id, '--target-database-url', databaseUrl(name), '--target-upload-dir', join(work, 'forced-uploads')];
    const refused = await runCli(env, args);
    expect(refused.code).toBe(1);
    expect(refused.log).toMatch(/already exists and holds tables; pass --force/);

    const forced = await runCli(env, [...args, '--force']);
    expect(forced.log).toContain(`Restored backup ${id}`);
    expect(forced.code).toBe(0);
    expect(await tableChecksums(databaseUrl(name))).toEqual(await tableChecksums(db.url, { backup_records: `id <> '${id}'` }));
    expect(await treeDigest(join(work, 'forced-uploads'))).toEqual(await treeDigest(uploads));
  });
});

/** The newest folder under prisma/migrations: what the backed-up database was migrated to. */
function latestMigration(): string {
  return readdirSync(join(__dirname, '..', '..', 'prisma', 'migrations'), { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort()
    .at(-1)!;
}

const UPLOADED: [string, Buffer][] = [
  ['report.pdf', Buffer.concat([Buffer.from('%PDF-1.4\n'), randomBytes(300_000)])],
  ['notes.txt', Buffer.from('uploaded through POST /files\n')],
];

/** Files stored the way users store them (POST /files): their rows and bytes must survive the round trip. */
async function uploadThroughApi(databaseUrl: string, uploadDir: string): Promise<void> {
  const { api, server, auth } = await startApiWithUser({ DATABASE_URL: databaseUrl, UPLOAD_DIR: uploadDir });
  try {
    for (const [name, content] of UPLOADED) await request(server).post('/files').set(auth).attach('file', content, name).expect(201);
  } finally {
    await api.close();
  }
}

import { appendFile, rm } from 'node:fs/promises';
import { Server } from 'node:http';
import { join } from 'node:path';
import Redis from 'ioredis';
import request from 'supertest';
import { POSTGRES_ARTIFACT, RUN_LOCK_KEY } from '@app/backup';
import { makeAdmin, registerUser, RegisteredUser } from '../support/auth';
import { waitFor } from '../support/processes';
import { startTestApi, TestApi } from '../support/test-app';
import { tempDir, writeUploads } from './support/backup-test-kit';

interface BackupView {
  id: string;
  status: string;
  sizeBytes: number | null;
  durationMs: number | null;
  verification: { status: string; verifiedAt: string | null; error: string | null } | null;
}

/** "Back up now" and "verify" from the operations screen: the real pipeline (pg_dump, Redis, files) behind admin routes. */
describe('admin backup routes', () => {
  const work = tempDir('wp-admin-backups');
  let api: TestApi;
  let server: Server;
  let admin: RegisteredUser;
  let user: RegisteredUser;
  let redis: Redis;

  const list = async (): Promise<BackupView[]> =>
    (await request(server).get('/admin/backups').set(admin.authHeader).expect(200)).body.items;
  const finished = async (id: string): Promise<BackupView> => {
    let found: BackupView | undefined;
    await waitFor(
      `backup ${id} to finish`,
      async () => {
        found = (await list()).find((b) => b.id === id);
        return found !== undefined && found.status !== 'RUNNING';
      },
      60_000,
      200,
    );
    return found!;
  };

  beforeAll(async () => {
    await writeUploads(join(work, 'uploads'));
    api = await startTestApi({ BACKUP_DIR: join(work, 'backups'), UPLOAD_DIR: join(work, 'uploads') });
    server = api.app.getHttpServer();
    [admin, user] = [await registerUser(server), await registerUser(server)];
    await makeAdmin(api.app, admin.user.id);
    redis = new Redis(api.config.redis.REDIS_URL, { lazyConnect: true });
  });

  afterAll(async () => {
    redis?.disconnect();
    await api?.close();
    await rm(work, { recursive: true, force: true });
  });

  it('refuses non-admins (403) and anonymous callers (401)', async () => {
    await request(server).get('/admin/backups').set(user.authHeader).expect(403);
    await request(server).post('/admin/backups').set(user.authHeader).expect(403);
    await request(server).post('/admin/backups/2026-12-02T02-00-00-000Z/verify').set(user.authHeader).expect(403);
    await request(server).get('/admin/backups').expect(401);
  });

  it('answers 202 at once, runs one backup for two simultaneous requests (409), and lists it verified', async () => {
    const [a, b] = await Promise.all([
      request(server).post('/admin/backups').set(admin.authHeader),
      request(server).post('/admin/backups').set(admin.authHeader),
    ]);
    expect([a.status, b.status].sort()).toEqual([202, 409]);
    const accepted = a.status === 202 ? a : b;
    expect(accepted.body).toEqual({ id: expect.any(String), status: 'RUNNING' });
    expect((a.status === 409 ? a : b).body.message).toMatch(/another backup is already running/);

    const backup = await finished(accepted.body.id);
    expect(backup).toMatchObject({
      status: 'SUCCEEDED',
      trigger: 'MANUAL',
      sizeBytes: expect.any(Number),
      durationMs: expect.any(Number),
      error: null,
      verification: { status: 'PASSED', verifiedAt: expect.any(String), error: null },
    });
    expect(backup.sizeBytes).toBeGreaterThan(0);
  }, 90_000);

  it('answers 409 while the scheduled backup (another replica) holds the Redis lock', async () => {
    const key = `${api.config.redis.REDIS_KEY_PREFIX}${RUN_LOCK_KEY}`;
    await redis.set(key, 'held-by-another-replica', 'PX', 30_000);
    try {
      const res = await request(server).post('/admin/backups').set(admin.authHeader).expect(409);
      expect(res.body).toMatchObject({ statusCode: 409, message: expect.stringMatching(/Redis lock is held/) });
    } finally {
      await redis.del(key);
    }
  });

  it('verifies a stored backup: PASSED, then FAILED once an artifact is corrupted (and listed so)', async () => {
    const [latest] = (await list()).filter((b) => b.status === 'SUCCEEDED');
    const passed = await request(server).post(`/admin/backups/${latest.id}/verify`).set(admin.authHeader).expect(200);
    expect(passed.body).toMatchObject({ id: latest.id, status: 'PASSED', problems: [], checkedAt: expect.any(String) });
    expect(passed.body.artifacts.map((a: { file: string }) => a.file)).toContain(POSTGRES_ARTIFACT);

    await appendFile(join(work, 'backups', latest.id, POSTGRES_ARTIFACT), 'garbage');
    const failed = await request(server).post(`/admin/backups/${latest.id}/verify`).set(admin.authHeader).expect(200);
    expect(failed.body).toMatchObject({
      status: 'FAILED',
      problems: expect.arrayContaining([expect.stringMatching(/postgres\.sql\.gz: SHA-256 mismatch/)]),
    });
    expect((await list()).find((b) => b.id === latest.id)).toMatchObject({
      status: 'FAILED',
      verification: { status: 'FAILED', verifiedAt: null, error: expect.stringContaining(POSTGRES_ARTIFACT) },
    });
  });

  it('answers 404 for a backup it does not know', async () => {
    await request(server).post('/admin/backups/2020-01-01T00-00-00-000Z/verify').set(admin.authHeader).expect(404);
    await request(server).post('/admin/backups/not-an-id/verify').set(admin.authHeader).expect(404);
  });
});

import { GetObjectCommand, HeadObjectCommand } from '@aws-sdk/client-s3';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import request from 'supertest';
import { S3_BUCKET, S3_CREDENTIALS, startS3 } from '../backup/support/backup-test-kit';
import { ApiWithUser, startApiWithUser } from '../support/test-app';

const binary = (res: request.Response, cb: (error: Error | null, body: Buffer) => void) => {
  const chunks: Buffer[] = [];
  res.on('data', (chunk: Buffer) => chunks.push(chunk));
  res.on('end', () => cb(null, Buffer.concat(chunks)));
};

describe('files on S3 (UPLOAD_STORAGE=s3, s3rver)', () => {
  let s3: Awaited<ReturnType<typeof startS3>>;
  let ctx: ApiWithUser;
  let uploadDir: string;

  beforeAll(async () => {
    s3 = await startS3();
    uploadDir = mkdtempSync(join(tmpdir(), 'wp-files-s3-'));
    ctx = await startApiWithUser({
      UPLOAD_DIR: uploadDir,
      UPLOAD_STORAGE: 's3',
      UPLOAD_S3_PREFIX: 'files/',
      S3_BUCKET,
      S3_ENDPOINT: s3.endpoint,
      S3_FORCE_PATH_STYLE: 'true',
      S3_ACCESS_KEY_ID: S3_CREDENTIALS.accessKeyId,
      S3_SECRET_ACCESS_KEY: S3_CREDENTIALS.secretAccessKey,
    });
  });
  afterAll(async () => {
    await ctx?.api.close();
    await s3?.close();
    rmSync(uploadDir, { recursive: true, force: true });
  });

  it('stores the bytes in the bucket, serves them whole and by range, and deletes the object', async () => {
    const data = randomBytes(3 * 1024 * 1024);
    const created = await request(ctx.server).post('/files').set(ctx.auth).attach('file', data, 'blob.bin').expect(201);
    const { id } = created.body as { id: string };
    const me = (await request(ctx.server).get('/auth/me').set(ctx.auth).expect(200)).body as { id: string };
    const key = `files/${me.id}/${id}`;

    const object = await s3.client.send(new GetObjectCommand({ Bucket: S3_BUCKET, Key: key }));
    expect(Buffer.compare(Buffer.from(await object.Body!.transformToByteArray()), data)).toBe(0);
    expect(readdirSync(uploadDir)).toEqual([]);

    const whole = await request(ctx.server).get(`/files/${id}/content`).set(ctx.auth).buffer(true).parse(binary).expect(200);
    expect(Buffer.compare(whole.body as Buffer, data)).toBe(0);
    const part = await request(ctx.server)
      .get(`/files/${id}/content`)
      .set(ctx.auth)
      .set('Range', 'bytes=100-199')
      .buffer(true)
      .parse(binary)
      .expect(206);
    expect(Buffer.compare(part.body as Buffer, data.subarray(100, 200))).toBe(0);

    await request(ctx.server).delete(`/files/${id}`).set(ctx.auth).expect(204);
    await expect(s3.client.send(new HeadObjectCommand({ Bucket: S3_BUCKET, Key: key }))).rejects.toMatchObject({ name: 'NotFound' });
  });
});

import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { PrismaService } from '@app/database';
import { registerUser } from '../support/auth';
import { ApiWithUser, startApiWithUser } from '../support/test-app';

const PNG = Buffer.concat([Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000', 'hex'), Buffer.alloc(2000, 7)]);
const sha256 = (data: Buffer) => createHash('sha256').update(data).digest('hex');
const binary = (res: request.Response, cb: (error: Error | null, body: Buffer) => void) => {
  const chunks: Buffer[] = [];
  res.on('data', (chunk: Buffer) => chunks.push(chunk));
  res.on('end', () => cb(null, Buffer.concat(chunks)));
};

/** Every file (not folder) under dir, recursively. */
function filesUnder(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name));
}

describe('files (/files)', () => {
  let ctx: ApiWithUser;
  let uploadDir: string;

  beforeAll(async () => {
    uploadDir = mkdtempSync(join(tmpdir(), 'wp-files-'));
    ctx = await startApiWithUser({ UPLOAD_DIR: uploadDir, UPLOAD_MAX_BYTES: '65536', UPLOAD_ALLOWED_MIME_TYPES: 'image/png,text/*' });
  });
  afterAll(async () => {
    await ctx?.api.close();
    rmSync(uploadDir, { recursive: true, force: true });
  });

  const upload = (data: Buffer, filename: string, contentType?: string, auth = ctx.auth) =>
    request(ctx.server).post('/files').set(auth).attach('file', data, { filename, contentType });

  it('stores a file with its sniffed type and checksum, lists it and serves it as a download, whole or by range', async () => {
    // The client's word (application/pdf) loses to the content's PNG signature.
    const created = await upload(PNG, 'pixel ü.png', 'application/pdf').expect(201);
    expect(created.body).toEqual({
      id: expect.any(String),
      name: 'pixel ü.png',
      size: PNG.length,
      mimeType: 'image/png',
      sha256: sha256(PNG),
      createdAt: expect.any(String),
    });
    const { id } = created.body as { id: string };

    const list = await request(ctx.server).get('/files').set(ctx.auth).expect(200);
    expect(list.body.items.map((f: { id: string }) => f.id)).toContain(id);
    await request(ctx.server).get(`/files/${id}`).set(ctx.auth).expect(200, created.body);

    const whole = await request(ctx.server).get(`/files/${id}/content`).set(ctx.auth).buffer(true).parse(binary).expect(200);
    expect(whole.headers['content-type']).toBe('image/png');
    expect(whole.headers['content-length']).toBe(String(PNG.length));
    expect(whole.headers['content-disposition']).toBe(`attachment; filename="pixel _.png"; filename*=UTF-8''pixel%20%C3%BC.png`);
    expect(whole.headers['accept-ranges']).toBe('bytes');
    expect(Buffer.compare(whole.body as Buffer, PNG)).toBe(0);

    const part = await request(ctx.server)
      .get(`/files/${id}/content`)
      .set(ctx.auth)
      .set('Range', 'bytes=1-3')
      .buffer(true)
      .parse(binary)
      .expect(206);
    expect(part.headers['content-range']).toBe(`bytes 1-3/${PNG.length}`);
    expect(part.headers['content-length']).toBe('3');
    expect((part.body as Buffer).toString('latin1')).toBe('PNG');
    const tail = await request(ctx.server)
      .get(`/files/${id}/content`)
      .set(ctx.auth)
      .set('Range', 'bytes=-10')
      .buffer(true)
      .parse(binary)
      .expect(206);
    expect(Buffer.compare(tail.body as Buffer, PNG.subarray(-10))).toBe(0);
    const outside = await request(ctx.server).get(`/files/${id}/content`).set(ctx.auth).set('Range', `bytes=${PNG.length}-`).expect(416);
    expect(outside.headers['content-range']).toBe(`bytes */${PNG.length}`);

    await request(ctx.server).delete(`/files/${id}`).set(ctx.auth).expect(204);
    await request(ctx.server).get(`/files/${id}`).set(ctx.auth).expect(404);
    await request(ctx.server).get(`/files/${id}/content`).set(ctx.auth).expect(404);
    expect(filesUnder(uploadDir).filter((f) => f.includes(id))).toEqual([]);
  });

  it('answers 404 to another user on every file route', async () => {
    const { id } = (await upload(PNG, 'mine.png').expect(201)).body as { id: string };
    const other = (await registerUser(ctx.server)).authHeader;
    await request(ctx.server).get(`/files/${id}`).set(other).expect(404);
    await request(ctx.server).get(`/files/${id}/content`).set(other).expect(404);
    await request(ctx.server).delete(`/files/${id}`).set(other).expect(404);
    const list = await request(ctx.server).get('/files').set(other).expect(200);
    expect(list.body.items).toEqual([]);
    await request(ctx.server).get(`/files/${id}/content`).set(ctx.auth).expect(200);
  });

  it('refuses a file over UPLOAD_MAX_BYTES with 413 and keeps nothing of it', async () => {
    const before = filesUnder(uploadDir).length;
    const rows = await ctx.api.app.get(PrismaService).fileUpload.count();
    const res = await upload(Buffer.alloc(300_000, 'a'), 'big.txt', 'text/plain');
    expect(res.status).toBe(413);
    expect(res.body).toMatchObject({ statusCode: 413, message: expect.stringContaining('65536-byte limit') });
    expect(filesUnder(uploadDir).length).toBe(before);
    expect(await ctx.api.app.get(PrismaService).fileUpload.count()).toBe(rows);
  });

  it('checks the sniffed type against UPLOAD_ALLOWED_MIME_TYPES, whatever the client declares', async () => {
    const gzip = Buffer.concat([Buffer.from('1f8b0800000000000003', 'hex'), Buffer.alloc(100, 1)]);
    const refused = await upload(gzip, 'archive.png', 'image/png').expect(415);
    expect(refused.body.message).toContain('application/gzip');
    const text = await upload(Buffer.from('a,b\n1,2\n'), 'data.csv', 'text/csv').expect(201);
    expect(text.body.mimeType).toBe('text/csv');
    // Text declared as an image stays text.
    const fake = await upload(Buffer.from('hello'), 'fake.png', 'image/png').expect(201);
    expect(fake.body.mimeType).toBe('text/plain');
  });

  it('explains a request without a file, with the file in another field, or not multipart', async () => {
    const none = await request(ctx.server).post('/files').set(ctx.auth).field('name', 'x').expect(400);
    expect(none.body.message).toContain('field "file"');
    const elsewhere = await request(ctx.server).post('/files').set(ctx.auth).attach('upload', PNG, 'a.png').expect(400);
    expect(elsewhere.body.message).toContain('field "file"');
    const json = await request(ctx.server).post('/files').set(ctx.auth).send({ file: 'x' }).expect(415);
    expect(json.body.message).toContain('multipart/form-data');
    await request(ctx.server).post('/files').send({}).expect(401);
  });
});

describe('files: the upload limiter', () => {
  let ctx: ApiWithUser;
  let uploadDir: string;

  beforeAll(async () => {
    uploadDir = mkdtempSync(join(tmpdir(), 'wp-files-'));
    ctx = await startApiWithUser({
      UPLOAD_DIR: uploadDir,
      THROTTLE_ENABLED: 'true',
      THROTTLE_UPLOAD_LIMIT: '2',
      THROTTLE_AUTH_LIMIT: '100',
    });
  });
  afterAll(async () => {
    await ctx?.api.close();
    rmSync(uploadDir, { recursive: true, force: true });
  });

  it('counts uploads per user and answers 429 past the tier limit, while reads go on', async () => {
    for (let i = 0; i < 2; i++) await request(ctx.server).post('/files').set(ctx.auth).attach('file', PNG, 'a.png').expect(201);
    const limited = await request(ctx.server).post('/files').set(ctx.auth).attach('file', PNG, 'a.png').expect(429);
    expect(limited.body.statusCode).toBe(429);
    await request(ctx.server).get('/files').set(ctx.auth).expect(200);
  });
});

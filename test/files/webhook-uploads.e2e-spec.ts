import { createHash, randomBytes } from 'node:crypto';
import { request as httpRequest } from 'node:http';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import request from 'supertest';
import { PrismaService } from '@app/database';
import { signWebhook } from '@app/webhooks';
import { registerUser } from '../support/auth';
import { ApiWithUser, startApiWithUser } from '../support/test-app';
import { activate, createWorkflow } from '../support/workflows';

const MB = 1024 * 1024;

function hookDefinition(params: Record<string, unknown>) {
  return {
    nodes: [
      { id: 'hook', type: 'trigger.webhook', params },
      { id: 'reply', type: 'flow.respond', params: { status: 200, body: '{ "got": trigger.body }' } },
    ],
    edges: [{ from: 'hook', to: 'reply' }],
  };
}

/** A multipart body with one file of `size` bytes, generated chunk by chunk (never whole in memory). */
function streamedForm(boundary: string, size: number): { body: Readable; sha256: string } {
  const chunk = randomBytes(64 * 1024);
  const hash = createHash('sha256');
  for (let sent = 0; sent < size; sent += chunk.length) hash.update(chunk.subarray(0, Math.min(chunk.length, size - sent)));
  async function* parts() {
    yield Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="note"\r\n\r\nbig one\r\n`);
    yield Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="upload"; filename="big.bin"\r\nContent-Type: application/octet-stream\r\n\r\n`,
    );
    for (let sent = 0; sent < size; sent += chunk.length) yield chunk.subarray(0, Math.min(chunk.length, size - sent));
    yield Buffer.from(`\r\n--${boundary}--\r\n`);
  }
  return { body: Readable.from(parts()), sha256: hash.digest('hex') };
}

function post(url: string, headers: Record<string, string>, body: Readable): Promise<{ status: number; json: unknown }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(url, { method: 'POST', headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, json: JSON.parse(Buffer.concat(chunks).toString('utf8') || 'null') }));
    });
    req.on('error', reject);
    body.pipe(req);
  });
}

describe('webhooks: multipart/form-data uploads', () => {
  let ctx: ApiWithUser;
  let uploadDir: string;

  beforeAll(async () => {
    uploadDir = mkdtempSync(join(tmpdir(), 'wp-webhook-files-'));
    ctx = await startApiWithUser({
      UPLOAD_DIR: uploadDir,
      UPLOAD_MAX_BYTES: String(64 * MB),
      WEBHOOK_BODY_LIMIT_BYTES: '4096',
      WEBHOOK_SIGNATURE_TOLERANCE_SECONDS: '300',
    });
  });
  afterAll(async () => {
    await ctx?.api.close();
    rmSync(uploadDir, { recursive: true, force: true });
  });

  async function hook(params: Record<string, unknown>): Promise<string> {
    const { id } = await createWorkflow(ctx.server, ctx.auth, { name: `hook ${params.path}`, definition: hookDefinition(params) });
    await activate(ctx.server, ctx.auth, id);
    return id;
  }
  const fileCount = () => ctx.api.app.get(PrismaService).fileUpload.count({ where: { deletedAt: null } });

  it('stores the files for the owner and hands the workflow references, next to the text fields', async () => {
    await hook({ path: 'wh-form' });
    const csv = Buffer.from('id,name\n1,ann\n');
    const res = await request(ctx.server)
      .post('/webhook/wh-form')
      .field('note', 'hello')
      .attach('doc', csv, { filename: 'people.csv', contentType: 'text/csv' })
      .expect(200);
    const ref = {
      fileId: expect.any(String),
      name: 'people.csv',
      size: csv.length,
      mimeType: 'text/csv',
      sha256: createHash('sha256').update(csv).digest('hex'),
    };
    expect(res.body).toEqual({ got: { note: 'hello', doc: ref } });

    const { fileId } = res.body.got.doc as { fileId: string };
    const content = await request(ctx.server).get(`/files/${fileId}/content`).set(ctx.auth).expect(200);
    expect(content.text).toBe(csv.toString());
    const stranger = (await registerUser(ctx.server)).authHeader;
    await request(ctx.server).get(`/files/${fileId}`).set(stranger).expect(404);
    await request(ctx.server).get(`/files/${fileId}/content`).set(stranger).expect(404);
  });

  it('signed webhooks: the HMAC covers the raw multipart bytes; a bad signature keeps no file', async () => {
    const id = await hook({ path: 'wh-form-signed', verifySignature: true });
    const secret = (await request(ctx.server).get(`/workflows/${id}/webhook`).set(ctx.auth).expect(200)).body.signingSecret as string;
    const boundary = 'sig-boundary';
    const raw = Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="f"; filename="a.txt"\r\nContent-Type: text/plain\r\n\r\nsigned text\r\n--${boundary}--\r\n`,
    );
    const send = (signature: string) =>
      request(ctx.server)
        .post('/webhook/wh-form-signed')
        .set('content-type', `multipart/form-data; boundary=${boundary}`)
        .set('x-webhook-signature', signature)
        .send(raw);

    const ok = await send(signWebhook(secret, raw)).expect(200);
    expect(ok.body.got.f).toMatchObject({ name: 'a.txt', size: 11, mimeType: 'text/plain' });
    const before = await fileCount();
    const refused = await send(signWebhook('wrong-secret', raw)).expect(401);
    expect(refused.body.message).toContain('does not match');
    expect(await fileCount()).toBe(before);
  });

  it('text PostgreSQL cannot store (a NUL in a field or file name) is a 400 that says where, and no file stays', async () => {
    await hook({ path: 'wh-form-nul' });
    const before = await fileCount();
    const field = await request(ctx.server)
      .post('/webhook/wh-form-nul')
      .attach('doc', Buffer.from('x'), 'a.txt')
      .field('note', 'a\u0000b')
      .expect(400);
    expect(field.body.message).toContain('form field note contains a NUL character');
    const name = await request(ctx.server).post('/webhook/wh-form-nul').attach('doc', Buffer.from('x'), 'a\u0000.txt').expect(400);
    expect(name.body.message).toContain('the file name contains a NUL character');
    expect(await fileCount()).toBe(before);
  });

  it('a file over UPLOAD_MAX_BYTES is a 413 and nothing is stored', async () => {
    await hook({ path: 'wh-form-small' });
    const before = await fileCount();
    const boundary = 'big-boundary';
    const { body } = streamedForm(boundary, 65 * MB);
    const res = await post(
      `${ctx.api.url}/webhook/wh-form-small`,
      { 'content-type': `multipart/form-data; boundary=${boundary}` },
      body,
    ).catch((error: Error) => ({ status: -1, json: error.message }));
    expect(res.status).toBe(413);
    expect(await fileCount()).toBe(before);
  });

  it('streams a 50 MB file to storage with less than 100 MB of extra memory, checksum intact', async () => {
    await hook({ path: 'wh-form-big' });
    global.gc?.();
    const baseline = process.memoryUsage().rss;
    let peak = baseline;
    const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 10);
    const boundary = 'stream-boundary';
    const { body, sha256 } = streamedForm(boundary, 50 * MB);
    try {
      const res = await post(`${ctx.api.url}/webhook/wh-form-big`, { 'content-type': `multipart/form-data; boundary=${boundary}` }, body);
      expect(res.status).toBe(200);
      expect(res.json).toEqual({
        got: {
          note: 'big one',
          upload: { fileId: expect.any(String), name: 'big.bin', size: 50 * MB, mimeType: 'application/octet-stream', sha256 },
        },
      });
    } finally {
      clearInterval(sampler);
    }
    expect(peak - baseline).toBeLessThan(100 * MB);
  });
});

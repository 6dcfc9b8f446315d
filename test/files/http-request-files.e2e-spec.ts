import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import request from 'supertest';
import { registerUser } from '../support/auth';
import { LocalHttpServer } from '../support/local-http';
import { ApiWithUser, startApiWithUser } from '../support/test-app';
import { activate, chain, createWorkflow, runOnce } from '../support/workflows';

const IMAGE_DATA = randomBytes(100_000);
// Signature, IHDR, then one IDAT chunk of random bytes: a PNG as the type sniffer sees it.
const PNG = Buffer.concat([
  Buffer.from('89504e470d0a1a0a0000000d494844520000000100000001080600000000000000', 'hex'),
  Buffer.from([0, 1, 0x86, 0xa0]),
  Buffer.from('IDAT'),
  IMAGE_DATA,
]);

describe('http.request sends stored files', () => {
  let ctx: ApiWithUser;
  let local: LocalHttpServer;
  let uploadDir: string;

  beforeAll(async () => {
    local = await LocalHttpServer.start();
    uploadDir = mkdtempSync(join(tmpdir(), 'wp-http-files-'));
    ctx = await startApiWithUser({ UPLOAD_DIR: uploadDir, HTTP_NODE_ALLOWED_HOSTS: '127.0.0.1' });
  });
  afterAll(async () => {
    await ctx?.api.close();
    await local?.close();
    rmSync(uploadDir, { recursive: true, force: true });
  });

  it('a webhook upload goes on as the raw body and as a multipart part, byte for byte', async () => {
    const definition = {
      nodes: [
        { id: 'hook', type: 'trigger.webhook', params: { path: 'relay' } },
        { id: 'raw', type: 'http.request', params: { method: 'PUT', url: local.url('/raw'), file: 'trigger.body.pic' } },
        {
          id: 'form',
          type: 'http.request',
          params: {
            method: 'POST',
            url: local.url('/form'),
            file: 'trigger.body.pic',
            fileField: 'attachment',
            body: '{ "note": trigger.body.note }',
          },
        },
      ],
      edges: [
        { from: 'hook', to: 'raw' },
        { from: 'raw', to: 'form' },
      ],
    };
    const { id } = await createWorkflow(ctx.server, ctx.auth, { name: 'relay', definition });
    await activate(ctx.server, ctx.auth, id);
    await request(ctx.server)
      .post('/webhook/relay')
      .field('note', 'see attached')
      .attach('pic', PNG, { filename: 'pic.png', contentType: 'image/png' })
      .expect(200);

    const [raw] = local.requestsTo('/raw');
    expect(raw.headers['content-type']).toBe('image/png');
    expect(raw.headers['content-length']).toBe(String(PNG.length));
    expect(Buffer.compare(raw.raw, PNG)).toBe(0);

    const [form] = local.requestsTo('/form');
    const boundary = /boundary=(.+)$/.exec(String(form.headers['content-type']))![1];
    expect(form.headers['content-type']).toMatch(/^multipart\/form-data; boundary=/);
    expect(form.headers['content-length']).toBe(String(form.raw.length));
    const filePart = Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="attachment"; filename="pic.png"\r\nContent-Type: image/png\r\n\r\n`,
    );
    const expected = Buffer.concat([
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="note"\r\n\r\nsee attached\r\n`),
      filePart,
      PNG,
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ]);
    expect(Buffer.compare(form.raw, expected)).toBe(0);
  });

  it("another user's file is not found: the node fails without sending anything", async () => {
    const other = await registerUser(ctx.server);
    const theirs = (await request(ctx.server).post('/files').set(other.authHeader).attach('file', PNG, 'theirs.png').expect(201)).body
      .id as string;
    const execution = await runOnce(
      ctx.server,
      ctx.auth,
      chain({ id: 'send', type: 'http.request', params: { method: 'POST', url: local.url('/stolen'), file: `"${theirs}"` } }),
    );
    expect(execution.status).toBe('FAILED');
    expect(execution.error).toContain(`file ${theirs} not found`);
    expect(local.requestsTo('/stolen')).toEqual([]);
  });

  it('refuses on save a file together with a JSON body unless fileField makes it multipart', async () => {
    const res = await request(ctx.server)
      .post('/workflows')
      .set(ctx.auth)
      .send({
        name: 'bad',
        definition: chain({ id: 'send', type: 'http.request', params: { url: local.url('/x'), file: '"x"', body: '{}' } }),
      })
      .expect(400);
    expect(JSON.stringify(res.body.message)).toContain('params.fileField');
  });
});

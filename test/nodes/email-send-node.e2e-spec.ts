import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import request from 'supertest';
import { ApiWithUser, startApiWithUser } from '../support/test-app';
import { activate, chain, createWorkflow, runOnce, waitForExecution } from '../support/workflows';
import { headersOf, LocalSmtpServer, mimeParts } from './local-smtp';

const SMTP_USER = 'mailer';
const SMTP_PASSWORD = 'smtp-secret-never-in-steps-91fa';
const PDF = Buffer.concat([Buffer.from('%PDF-1.4\n'), randomBytes(40_000)]);

describe('email.send node', () => {
  let ctx: ApiWithUser;
  let smtp: LocalSmtpServer;
  let uploadDir: string;
  let credentialId: string;

  const createSmtpCredential = async (target: ApiWithUser, host: string) => {
    const data = {
      host,
      port: smtp.port,
      secure: false,
      username: SMTP_USER,
      password: SMTP_PASSWORD,
      from: 'Orders <orders@example.test>',
    };
    const res = await request(target.server)
      .post('/credentials')
      .set(target.auth)
      .send({ name: `smtp-${host}`, type: 'smtp', data })
      .expect(201);
    return res.body.id as string;
  };

  beforeAll(async () => {
    smtp = await LocalSmtpServer.start({ username: SMTP_USER, password: SMTP_PASSWORD });
    uploadDir = mkdtempSync(join(tmpdir(), 'wp-email-node-'));
    ctx = await startApiWithUser({ UPLOAD_DIR: uploadDir, HTTP_NODE_ALLOWED_HOSTS: '127.0.0.1' });
    credentialId = await createSmtpCredential(ctx, '127.0.0.1');
  });
  afterAll(async () => {
    await ctx?.api.close();
    await smtp?.close();
    rmSync(uploadDir, { recursive: true, force: true });
  });

  it('sends templated headers and bodies with a webhook upload attached, byte for byte; secrets stay out of step data', async () => {
    const definition = {
      nodes: [
        { id: 'hook', type: 'trigger.webhook', params: { path: 'mail-invoice' } },
        {
          id: 'mail',
          type: 'email.send',
          params: {
            credentialId,
            to: '{{ trigger.body.email }}',
            cc: 'archive@example.test',
            bcc: 'audit@example.test',
            subject: 'Invoice {{ trigger.body.id }}\r\nBcc: injected@example.test',
            text: 'Hello {{ trigger.body.name }}, invoice {{ trigger.body.id }} is attached.',
            html: '<p>Hello <b>{{ trigger.body.name }}</b></p>',
            attachments: 'trigger.body.invoice',
          },
        },
      ],
      edges: [{ from: 'hook', to: 'mail' }],
    };
    const { id } = await createWorkflow(ctx.server, ctx.auth, { name: 'mail-invoice', definition });
    await activate(ctx.server, ctx.auth, id);
    const res = await request(ctx.server)
      .post('/webhook/mail-invoice')
      .field('email', 'ada@example.test')
      .field('name', 'Ada')
      .field('id', 'INV-7')
      .attach('invoice', PDF, { filename: 'INV-7.pdf', contentType: 'application/pdf' })
      .expect(200);
    const execution = await waitForExecution(ctx.server, ctx.auth, res.headers['x-execution-id'] ?? res.body.executionId);
    expect(execution.status).toBe('SUCCEEDED');
    const output = execution.steps.find((s) => s.nodeId === 'mail')!.output as {
      messageId: string;
      accepted: string[];
      rejected: string[];
    };
    expect(output.messageId).toMatch(/^<.+@.+>$/);
    expect(output.accepted.sort()).toEqual(['ada@example.test', 'archive@example.test', 'audit@example.test']);
    expect(output.rejected).toEqual([]);
    expect(JSON.stringify(execution)).not.toContain(SMTP_PASSWORD);

    const mail = smtp.mails.find((m) => m.raw.includes(output.messageId))!;
    expect(mail.from).toBe('orders@example.test');
    expect(mail.to.sort()).toEqual(['ada@example.test', 'archive@example.test', 'audit@example.test']);
    const top = headersOf(mail.raw);
    expect(top.to).toBe('ada@example.test');
    expect(top.cc).toBe('archive@example.test');
    expect(top.bcc).toBeUndefined();
    expect(top.subject).toBe('Invoice INV-7 Bcc: injected@example.test');
    const parts = mimeParts(mail.raw);
    expect(parts.find((p) => p.headers['content-type'].startsWith('text/plain'))!.body.toString('utf8')).toBe(
      'Hello Ada, invoice INV-7 is attached.',
    );
    expect(parts.find((p) => p.headers['content-type'].startsWith('text/html'))!.body.toString('utf8')).toBe('<p>Hello <b>Ada</b></p>');
    const attachment = parts.find((p) => p.headers['content-disposition']?.startsWith('attachment'))!;
    expect(attachment.headers['content-disposition']).toContain('INV-7.pdf');
    expect(attachment.headers['content-type']).toMatch(/^application\/pdf/);
    expect(Buffer.compare(attachment.body, PDF)).toBe(0);
  });

  it("fails permanently on another user's file id, and refuses a loopback SMTP host unless allowed", async () => {
    const other = await startApiWithUser({ UPLOAD_DIR: uploadDir });
    try {
      const stranger = await request(ctx.server).post('/files').set(ctx.auth).attach('file', PDF, 'mine.pdf').expect(201);
      const send = (id: string, attachments?: string) =>
        chain({
          id: 'mail',
          type: 'email.send',
          params: { credentialId: id, to: 'x@example.test', subject: 's', text: 't', ...(attachments ? { attachments } : {}) },
        });
      const notOwned = await runOnce(
        ctx.server,
        { Authorization: ctx.auth.Authorization },
        send(credentialId, `"${'0'.repeat(8)}-0000-4000-8000-000000000000"`),
      );
      expect(notOwned.steps[1].error).toContain('not found');
      const refusedId = await createSmtpCredential(other, 'localhost');
      const refused = await runOnce(other.server, other.auth, send(refusedId));
      expect(refused.status).toBe('FAILED');
      expect(refused.steps[1].error).toMatch(/localhost resolves to .*loopback.*HTTP_NODE_ALLOWED_HOSTS/);
      // The other user cannot attach the first user's file.
      const foreign = await runOnce(other.server, other.auth, send(refusedId, `"${stranger.body.id}"`));
      expect(foreign.steps[1].error).toContain(`file ${stranger.body.id} not found`);
    } finally {
      await other.api.close();
    }
  });

  it('uses the platform SMTP settings without a credential, and says so when they are missing', async () => {
    const definition = chain({
      id: 'mail',
      type: 'email.send',
      params: { to: 'ops@example.test', subject: 'Platform {{ trigger.body.n }}', text: 'n={{ trigger.body.n }}' },
    });
    const unconfigured = await runOnce(ctx.server, ctx.auth, definition, { n: 1 });
    expect(unconfigured.status).toBe('FAILED');
    expect(unconfigured.steps[1].error).toContain('SMTP is not configured');
    const platform = await startApiWithUser({
      SMTP_HOST: '127.0.0.1',
      SMTP_PORT: String(smtp.port),
      SMTP_USER,
      SMTP_PASSWORD,
      SMTP_FROM: 'Platform <platform@example.test>',
    });
    try {
      const execution = await runOnce(platform.server, platform.auth, definition, { n: 2 });
      expect(execution.status).toBe('SUCCEEDED');
      const mail = smtp.mails.find((m) => m.raw.includes((execution.steps[1].output as { messageId: string }).messageId))!;
      expect(mail.from).toBe('platform@example.test');
      expect(mimeParts(mail.raw)[0].body.toString().trimEnd()).toBe('n=2');
    } finally {
      await platform.api.close();
    }
  });

  it('refuses on save, naming the node: no body, a bad placeholder, a bad attachments expression', async () => {
    const save = (params: object) =>
      request(ctx.server)
        .post('/workflows')
        .set(ctx.auth)
        .send({ name: 'bad-mail', definition: chain({ id: 'notify', type: 'email.send', params }) });
    const noBody = await save({ to: 'a@example.test', subject: 's' }).expect(400);
    expect(JSON.stringify(noBody.body)).toMatch(/notify.*params needs text or html/);
    const badPlaceholder = await save({ to: '{{ trigger.body.( }}', subject: 's', text: 't' }).expect(400);
    expect(JSON.stringify(badPlaceholder.body)).toContain('notify');
    const badAttachments = await save({ to: 'a@example.test', subject: 's', text: 't', attachments: 'trigger..x' }).expect(400);
    expect(JSON.stringify(badAttachments.body)).toContain('notify');
    const noTo = await save({ subject: 's', text: 't' }).expect(400);
    expect(JSON.stringify(noTo.body)).toMatch(/notify.*to/);
    const types = await request(ctx.server).get('/node-types').set(ctx.auth).expect(200);
    const type = types.body.items.find((t: { type: string }) => t.type === 'email.send');
    expect(type.paramsSchema.required).toEqual(['to', 'subject']);
    expect(type.example.to).toContain('{{');
  });
});

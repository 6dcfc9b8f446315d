import { Server } from 'node:http';
import request from 'supertest';
import { PrismaService } from '@app/database';
import { ExecutionEvents } from '@app/executions';
import { EventNotifier } from '@app/notifications';
import { registerUser, RegisteredUser } from '../support/auth';
import { LocalHttpServer } from '../support/local-http';
import { freePort } from '../support/processes';
import { deleteRedisKeys } from '../support/process-api';
import { startTestApi, TestApi } from '../support/test-app';
import { activate, chain, createWorkflow, runOnce } from '../support/workflows';
import {
  createChannel,
  FAST_DELIVERY,
  LocalSmtpServer,
  notificationsWhere,
  signatureValid,
  subscribe,
  waitForNotifications,
} from './support/notification-kit';

const SIGNING_SECRET = 'whsec-test-0123456789abcdef';
const failing = chain({ id: 'boom', type: 'flow.fail', params: { message: 'it broke' } });
const passing = chain({ id: 'ok', type: 'data.set', params: { fields: { done: 'true' } } });

/** Real delivery: email to a local SMTP server, Slack and webhook posts to a local HTTP listener. */
describe('notification delivery', () => {
  let api: TestApi;
  let server: Server;
  let smtp: LocalSmtpServer;
  let hooks: LocalHttpServer;
  let owner: RegisteredUser;
  const channels: Record<string, string> = {};
  let slackDown = false;

  beforeAll(async () => {
    [smtp, hooks] = await Promise.all([LocalSmtpServer.start(), LocalHttpServer.start()]);
    hooks.route('/slack', () => (slackDown ? { status: 500, body: 'upstream sad' } : { status: 200, body: 'ok' }));
    hooks.route('/hook', () => ({ status: 204 }));
    api = await startTestApi({
      ...FAST_DELIVERY,
      SMTP_HOST: '127.0.0.1',
      SMTP_PORT: String(smtp.port),
      SMTP_FROM: 'Platform <alerts@example.com>',
    });
    server = api.app.getHttpServer();
    owner = await registerUser(server);
    channels.email = (await createChannel(server, owner.authHeader, { type: 'EMAIL', name: 'mail', email: 'ops@example.com' })).id;
    channels.slack = (await createChannel(server, owner.authHeader, { type: 'SLACK', name: 'slack', url: hooks.url('/slack') })).id;
    channels.webhook = (
      await createChannel(server, owner.authHeader, { type: 'WEBHOOK', name: 'hook', url: hooks.url('/hook'), secret: SIGNING_SECRET })
    ).id;
    channels.inApp = (await createChannel(server, owner.authHeader, { type: 'IN_APP', name: 'inbox' })).id;
    for (const id of Object.values(channels)) await subscribe(server, owner.authHeader, id, 'EXECUTION_FAILED');
  });

  afterAll(async () => {
    await api?.close();
    await Promise.all([smtp?.close(), hooks?.close(), api && deleteRedisKeys(api.config.redis.REDIS_KEY_PREFIX)]);
  });

  it('delivers a failed execution by email, Slack, signed webhook and in-app, each stored SENT', async () => {
    const execution = await runOnce(server, owner.authHeader, failing);
    expect(execution.status).toBe('FAILED');
    const rows = await waitForNotifications(
      api.app,
      { userId: owner.user.id, event: 'EXECUTION_FAILED' },
      (r) => r.length === 4 && r.every((n) => n.status === 'SENT'),
      'four SENT notifications',
    );
    expect(rows.every((n) => n.sentAt && n.error === null && (n.payload as { executionId: string }).executionId === execution.id)).toBe(
      true,
    );
    expect(rows.find((n) => n.channelId === channels.inApp)).toMatchObject({ attempts: 1, readAt: null });
    expect(rows.filter((n) => n.channelId !== channels.inApp).every((n) => n.attempts === 1)).toBe(true);

    const mail = smtp.mails.find((m) => m.text.includes(execution.id))!;
    expect(mail).toMatchObject({ from: 'alerts@example.com', to: ['ops@example.com'] });
    expect(mail.subject).toMatch(/^Workflow "wf-\w+" failed$/);
    expect(mail.text).toContain('it broke');

    const [slack] = hooks.requestsTo('/slack');
    expect((slack.json as { text: string }).text).toMatch(/^\*Workflow "wf-\w+" failed\*\n.*it broke/s);

    const [hook] = hooks.requestsTo('/hook');
    expect(signatureValid(SIGNING_SECRET, hook.headers['x-signature'], hook.body)).toBe(true);
    expect(signatureValid('another-secret-value', hook.headers['x-signature'], hook.body)).toBe(false);
    expect(hook.json).toMatchObject({
      event: 'EXECUTION_FAILED',
      payload: { executionId: execution.id, status: 'FAILED', error: expect.stringContaining('it broke') },
    });
    expect(hook.headers['x-notification-id']).toBe((hook.json as { id: string }).id);
  });

  it('does not notify twice when the same execution event is delivered again', async () => {
    const before = await notificationsWhere(api.app, { userId: owner.user.id });
    const payload = before[0].payload as { executionId: string; workflowId: string };
    api.app.get(ExecutionEvents).finished({
      executionId: payload.executionId,
      workflowId: payload.workflowId,
      userId: owner.user.id,
      status: 'FAILED',
      trigger: 'MANUAL',
      durationMs: 5,
      error: 'it broke',
    });
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(await notificationsWhere(api.app, { userId: owner.user.id })).toHaveLength(before.length);
  });

  it('notifies EXECUTION_SUCCEEDED only to channels subscribed to it, and only for the chosen workflow', async () => {
    const workflow = await createWorkflow(server, owner.authHeader, { name: 'nightly', definition: passing });
    await subscribe(server, owner.authHeader, channels.webhook, 'EXECUTION_SUCCEEDED', workflow.id);
    const other = await runOnce(server, owner.authHeader, passing); // another workflow: not subscribed
    const res = await request(server).post(`/workflows/${workflow.id}/run`).set(owner.authHeader).send({});
    const rows = await waitForNotifications(
      api.app,
      { userId: owner.user.id, event: 'EXECUTION_SUCCEEDED' },
      (r) => r.length === 1 && r[0].status === 'SENT',
      'one SENT success notification',
    );
    expect(rows[0]).toMatchObject({ channelId: channels.webhook, title: 'Workflow "nightly" succeeded' });
    expect((rows[0].payload as { executionId: string }).executionId).toBe(res.body.id);
    expect(hooks.requestsTo('/hook').some((r) => (r.json as { payload: { executionId: string } }).payload.executionId === other.id)).toBe(
      false,
    );
  });

  it('tells the owner when a workflow is deactivated', async () => {
    const workflow = await createWorkflow(server, owner.authHeader, { name: 'to-pause', definition: passing });
    await subscribe(server, owner.authHeader, channels.email, 'WORKFLOW_DEACTIVATED');
    await activate(server, owner.authHeader, workflow.id);
    await request(server).post(`/workflows/${workflow.id}/deactivate`).set(owner.authHeader).expect(200);
    const [row] = await waitForNotifications(
      api.app,
      { userId: owner.user.id, event: 'WORKFLOW_DEACTIVATED' },
      (r) => r.length === 1 && r[0].status === 'SENT',
      'deactivation notice SENT',
    );
    expect(row.title).toBe('Workflow "to-pause" was deactivated');
    expect(smtp.mails.some((m) => m.subject === 'Workflow "to-pause" was deactivated')).toBe(true);
  });

  it('stores a failing channel as FAILED with the reason, retries with backoff, and delivers once it is back', async () => {
    slackDown = true;
    const slackOnly = (await createChannel(server, owner.authHeader, { type: 'SLACK', name: 'flaky', url: hooks.url('/slack') })).id;
    await subscribe(server, owner.authHeader, slackOnly, 'ALERT_FIRED');
    const rule = await api.app.get(PrismaService).alertRule.create({
      data: { userId: owner.user.id, name: 'manual', metric: 'EXECUTION_FAILURE_COUNT', threshold: 0, windowSeconds: 60 },
    });
    await api.app.get(EventNotifier).alertFired(rule, 1, new Date());
    const where = { channelId: slackOnly };
    const [failed] = await waitForNotifications(
      api.app,
      where,
      (r) => r.length === 1 && r[0].status === 'FAILED' && r[0].attempts >= 2,
      'FAILED after two attempts',
    );
    expect(failed.error).toMatch(/^Slack http:\/\/127\.0\.0\.1:\d+ answered HTTP 500: upstream sad$/);
    expect(failed.error).not.toContain('/slack'); // a Slack URL's path is its secret
    slackDown = false;
    const [sent] = await waitForNotifications(api.app, where, (r) => r[0].status === 'SENT', 'SENT once Slack is back');
    // Attempts are claimed before sending, so the attempt that was already claimed when Slack came back may be the one that succeeds.
    expect(sent.attempts).toBeGreaterThanOrEqual(2);
    expect(sent.attempts).toBeLessThanOrEqual(4);
    expect(sent.error).toBeNull();
  });

  it('gives up after NOTIFICATION_MAX_ATTEMPTS on an unreachable webhook, keeping the reason', async () => {
    const closedPort = await freePort();
    const dead = (
      await createChannel(server, owner.authHeader, {
        type: 'WEBHOOK',
        name: 'dead',
        url: `http://127.0.0.1:${closedPort}/x`,
        secret: SIGNING_SECRET,
      })
    ).id;
    await subscribe(server, owner.authHeader, dead, 'EXECUTION_FAILED');
    await runOnce(server, owner.authHeader, failing);
    const [row] = await waitForNotifications(api.app, { channelId: dead }, (r) => r.length === 1 && r[0].attempts === 4, 'four attempts');
    await new Promise((resolve) => setTimeout(resolve, 1_000)); // no fifth attempt, not even from the sweeper
    const [final] = await notificationsWhere(api.app, { id: row.id });
    expect(final).toMatchObject({ status: 'FAILED', attempts: 4, sentAt: null });
    expect(final.error).toMatch(/^Webhook http:\/\/127\.0\.0\.1:\d+ could not be reached: .*ECONNREFUSED/);
  });

  it('stores nothing for a disabled channel and delivers again once it is enabled', async () => {
    await request(server).patch(`/notifications/channels/${channels.webhook}`).set(owner.authHeader).send({ enabled: false }).expect(200);
    const muted = await runOnce(server, owner.authHeader, failing);
    const mutedWhere = { payload: { path: ['executionId'], equals: muted.id } };
    await waitForNotifications(
      api.app,
      mutedWhere,
      (r) => r.length >= 4 && r.every((n) => n.status !== 'PENDING'),
      'the other channels done',
    );
    expect((await notificationsWhere(api.app, mutedWhere)).map((n) => n.channelId)).not.toContain(channels.webhook);

    await request(server).patch(`/notifications/channels/${channels.webhook}`).set(owner.authHeader).send({ enabled: true }).expect(200);
    const heard = await runOnce(server, owner.authHeader, failing);
    await waitForNotifications(
      api.app,
      { channelId: channels.webhook, payload: { path: ['executionId'], equals: heard.id } },
      (r) => r.length === 1 && r[0].status === 'SENT',
      'sent after re-enabling',
    );
  });

  it('refuses private targets unless NOTIFICATION_ALLOWED_HOSTS allows them', async () => {
    const res = await request(server)
      .post('/notifications/channels')
      .set(owner.authHeader)
      .send({ type: 'WEBHOOK', name: 'meta', url: 'http://169.254.169.254/latest', secret: SIGNING_SECRET });
    expect(res.status).toBe(400);
    expect(res.body.message).toMatch(/linkLocal/);
  });
});

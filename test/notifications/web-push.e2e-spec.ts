import { Server } from 'node:http';
import request from 'supertest';
import { generateVapidKeys } from '@app/config';
import { PrismaService } from '@app/database';
import { registerUser, RegisteredUser } from '../support/auth';
import { startTestApi, TestApi } from '../support/test-app';
import { chain, runOnce } from '../support/workflows';
import { createChannel, FAST_DELIVERY, subscribe, waitForNotifications } from './support/notification-kit';
import { TestDevice, TestPushService } from './support/push-service';

const failing = chain({ id: 'boom', type: 'flow.fail', params: { message: 'push me' } });
const vapid = generateVapidKeys();

/**
 * Web Push through the real stack: the API signs (VAPID) and encrypts (aes128gcm) for each device, and
 * a push service on loopback checks the JWT and decrypts with the keys the "browser" generated.
 */
describe('Web Push channel', () => {
  let api: TestApi;
  let server: Server;
  let push: TestPushService;
  let owner: RegisteredUser;
  let pushChannel: string;

  const register = (user: RegisteredUser, device: TestDevice, extra: object = {}) =>
    request(server)
      .post('/notifications/push/subscriptions')
      .set(user.authHeader)
      .set('User-Agent', 'Mozilla/5.0 (test phone)')
      .send({ ...device.toJSON(), ...extra });
  const devicesOf = async (user: RegisteredUser) =>
    (await request(server).get('/notifications/push/subscriptions').set(user.authHeader).expect(200)).body.items as {
      id: string;
      endpoint: string;
      lastSuccessAt: string | null;
    }[];

  beforeAll(async () => {
    push = await TestPushService.start(() => vapid.publicKey);
    api = await startTestApi({
      ...FAST_DELIVERY,
      VAPID_PUBLIC_KEY: vapid.publicKey,
      VAPID_PRIVATE_KEY: vapid.privateKey,
      VAPID_SUBJECT: 'mailto:ops@example.com',
    });
    server = api.app.getHttpServer();
    owner = await registerUser(server);
    pushChannel = (await createChannel(server, owner.authHeader, { type: 'PUSH', name: 'my devices' })).id;
    await subscribe(server, owner.authHeader, pushChannel, 'EXECUTION_FAILED');
  });

  afterAll(async () => {
    await api?.close();
    await push?.close();
  });

  it('serves the VAPID public key to signed-in users only', async () => {
    await request(server).get('/notifications/push/public-key').expect(401);
    const res = await request(server).get('/notifications/push/public-key').set(owner.authHeader).expect(200);
    expect(res.body).toEqual({ publicKey: vapid.publicKey });
  });

  it('stores a browser subscription once per endpoint and lists it', async () => {
    const device = push.device();
    const first = await register(owner, device, { deviceName: 'Phone' }).expect(201);
    expect(first.body).toEqual({
      id: expect.any(String),
      endpoint: device.endpoint,
      deviceName: 'Phone',
      userAgent: 'Mozilla/5.0 (test phone)',
      createdAt: expect.any(String),
      lastSuccessAt: null,
    });
    const again = await register(owner, device).expect(201);
    expect(again.body).toMatchObject({ id: first.body.id, deviceName: 'Phone' });
    expect((await devicesOf(owner)).map((d) => d.id)).toEqual([first.body.id]);

    await request(server).delete(`/notifications/push/subscriptions/${first.body.id}`).set(owner.authHeader).expect(204);
    await request(server).delete(`/notifications/push/subscriptions/${first.body.id}`).set(owner.authHeader).expect(404);
    expect(await devicesOf(owner)).toEqual([]);
  });

  it('refuses endpoints and keys that are not a real push subscription', async () => {
    const good = push.device().toJSON();
    const cases: [object, RegExp][] = [
      [{ ...good, endpoint: 'http://push.example.com/x' }, /https/],
      [{ ...good, endpoint: 'https://10.1.2.3/x' }, /private/],
      [{ ...good, keys: { ...good.keys, p256dh: Buffer.alloc(65, 4).toString('base64url').slice(0, 80) } }, /p256dh/],
      [{ ...good, keys: { ...good.keys, auth: 'c2hvcnQtYXV0aC1zZWNyZXQtdmFsdWUtdG9vLWxvbmc' } }, /auth/],
      [{ ...good, extra: 1 }, /extra/],
      [{ endpoint: good.endpoint }, /keys/],
    ];
    for (const [body, message] of cases) {
      const res = await request(server).post('/notifications/push/subscriptions').set(owner.authHeader).send(body);
      expect({ status: res.status, message: JSON.stringify(res.body.message) }).toEqual({
        status: 400,
        message: expect.stringMatching(message),
      });
    }
  });

  it('delivers a failed execution to every device: VAPID-signed, aes128gcm-encrypted, opening the execution', async () => {
    const [phone, laptop] = [push.device(), push.device()];
    await register(owner, phone).expect(201);
    await register(owner, laptop).expect(201);
    const execution = await runOnce(server, owner.authHeader, failing);
    const [row] = await waitForNotifications(
      api.app,
      { userId: owner.user.id, channelId: pushChannel, event: 'EXECUTION_FAILED' },
      (rows) => rows.length === 1 && rows[0].status === 'SENT',
      'a SENT push notification',
    );
    expect(push.rejected).toEqual([]);
    const messages = push.received.filter((m) => m.device === phone || m.device === laptop);
    expect(messages).toHaveLength(2);
    for (const message of messages) {
      expect(message.claims).toMatchObject({ aud: new URL(phone.endpoint).origin, sub: 'mailto:ops@example.com' });
      expect(message.payload).toEqual({
        title: expect.stringMatching(/^Workflow "wf-\w+" failed$/),
        body: expect.stringContaining('push me'),
        url: `/app/executions/${execution.id}`,
        tag: `execution-${execution.id}`,
        notificationId: row.id,
      });
    }
    expect((await devicesOf(owner)).every((d) => d.lastSuccessAt !== null)).toBe(true);
  });

  it('retries a delivery that no device accepted (HTTP 500), like other channels', async () => {
    await Promise.all((await devicesOf(owner)).map((d) => api.app.get(PrismaService).pushSubscription.delete({ where: { id: d.id } })));
    const flaky = push.device();
    await register(owner, flaky).expect(201);
    push.answer(flaky, 500, 1);
    await runOnce(server, owner.authHeader, failing);
    const sent = await waitForNotifications(
      api.app,
      { userId: owner.user.id, channelId: pushChannel, event: 'EXECUTION_FAILED', status: 'SENT', attempts: 2 },
      (rows) => rows.length === 1,
      'a push notification SENT on its second attempt',
    );
    expect(push.requestsTo(flaky)).toHaveLength(2);
    expect(push.received.filter((m) => m.device === flaky).map((m) => (m.payload as { notificationId: string }).notificationId)).toEqual([
      sent[0].id,
    ]);
  });

  it('removes a subscription whose push service answers 410 Gone, without retrying it', async () => {
    const [gone] = [push.device()];
    const registered = await register(owner, gone).expect(201);
    push.answer(gone, 410);
    const res = await request(server).post(`/notifications/channels/${pushChannel}/test`).set(owner.authHeader).expect(200);
    expect(res.body).toMatchObject({ channelId: pushChannel, status: 'SENT', error: null }); // the other device accepted it
    expect(push.requestsTo(gone)).toHaveLength(1);
    expect((await devicesOf(owner)).map((d) => d.id)).not.toContain(registered.body.id);
    const test = push.received.find((m) => (m.payload as { notificationId: string }).notificationId === res.body.notificationId);
    expect(test?.payload).toMatchObject({ url: '/app/notifications', title: 'Test notification from "my devices"' });
  });

  it('answers "send test" with the failure when no device is left', async () => {
    const lonely = await registerUser(server);
    const channel = (await createChannel(server, lonely.authHeader, { type: 'PUSH', name: 'none yet' })).id;
    const res = await request(server).post(`/notifications/channels/${channel}/test`).set(lonely.authHeader).expect(200);
    expect(res.body).toMatchObject({ status: 'FAILED', error: expect.stringMatching(/No browser is subscribed/) });
    await new Promise((resolve) => setTimeout(resolve, 1_000)); // two sweeps: a failed test is not sent again
    const row = await api.app.get(PrismaService).notification.findUniqueOrThrow({ where: { id: res.body.notificationId } });
    expect(row).toMatchObject({ status: 'FAILED', attempts: api.config.notification.NOTIFICATION_MAX_ATTEMPTS });
    await request(server).post(`/notifications/channels/${channel}/test`).set(owner.authHeader).expect(404);
  });

  it('sends a test through an in-app channel and counts it unread until read', async () => {
    const reader = await registerUser(server);
    const inbox = (await createChannel(server, reader.authHeader, { type: 'IN_APP', name: 'inbox' })).id;
    await request(server).get('/notifications/unread-count').set(reader.authHeader).expect(200, { count: 0 });
    const res = await request(server).post(`/notifications/channels/${inbox}/test`).set(reader.authHeader).expect(200);
    expect(res.body).toMatchObject({ status: 'SENT', sentAt: expect.any(String) });
    await request(server).get('/notifications/unread-count').set(reader.authHeader).expect(200, { count: 1 });
    const unread = await request(server).get('/notifications?unread=true&limit=1').set(reader.authHeader).expect(200);
    expect(unread.body.items).toEqual([expect.objectContaining({ id: res.body.notificationId, event: 'CHANNEL_TEST', readAt: null })]);
    await request(server).post('/notifications/read-all').set(reader.authHeader).expect(200, { updated: 1 });
    await request(server).get('/notifications/unread-count').set(reader.authHeader).expect(200, { count: 0 });
    await request(server)
      .post('/notifications/subscriptions')
      .set(reader.authHeader)
      .send({ channelId: inbox, event: 'CHANNEL_TEST' })
      .expect(400);
  });

  it('moves an endpoint to the user now signed in on that browser', async () => {
    const shared = push.device();
    await register(owner, shared).expect(201);
    const next = await registerUser(server);
    await register(next, shared).expect(201);
    expect((await devicesOf(next)).map((d) => d.endpoint)).toEqual([shared.endpoint]);
    expect((await devicesOf(owner)).map((d) => d.endpoint)).not.toContain(shared.endpoint);
  });
});

describe('Web Push switched off', () => {
  let api: TestApi;

  beforeAll(async () => {
    api = await startTestApi({ WEB_PUSH_ENABLED: 'false' });
  });

  afterAll(() => api?.close());

  it('answers 404 with the reason for the key and for new devices, and refuses PUSH channels', async () => {
    const server = api.app.getHttpServer();
    const { authHeader } = await registerUser(server);
    const key = await request(server).get('/notifications/push/public-key').set(authHeader).expect(404);
    expect(key.body.message).toMatch(/WEB_PUSH_ENABLED=false/);
    const device = new TestDevice('https://push.example.com/send/abc');
    await request(server).post('/notifications/push/subscriptions').set(authHeader).send(device.toJSON()).expect(404);
    const channel = await request(server).post('/notifications/channels').set(authHeader).send({ type: 'PUSH', name: 'phone' }).expect(400);
    expect(channel.body.message).toMatch(/Web Push is disabled/);
  });
});

import { Server } from 'node:http';
import request from 'supertest';
import { BackupEvents } from '@app/backup';
import { SecretCipher } from '@app/common';
import { PrismaService } from '@app/database';
import { NotificationDispatcher } from '@app/notifications';
import { makeAdmin, registerUser, RegisteredUser } from '../support/auth';
import { deleteRedisKeys } from '../support/process-api';
import { startTestApi, TestApi } from '../support/test-app';
import { chain, createWorkflow } from '../support/workflows';
import { createChannel, subscribe } from './support/notification-kit';

const SLACK_URL = 'https://hooks.slack.com/services/T000/B000/supersecrettoken';
const SIGNING_SECRET = 'whsec-api-test-0123456789';

describe('notifications API: channels, subscriptions, history', () => {
  let api: TestApi;
  let server: Server;
  let prisma: PrismaService;
  let alice: RegisteredUser;
  let bob: RegisteredUser;

  beforeAll(async () => {
    api = await startTestApi();
    server = api.app.getHttpServer();
    prisma = api.app.get(PrismaService);
    [alice, bob] = await Promise.all([registerUser(server), registerUser(server)]);
  });

  afterAll(async () => {
    await api?.close();
    if (api) await deleteRedisKeys(api.config.redis.REDIS_KEY_PREFIX);
  });

  describe('channels', () => {
    it('never returns secrets and stores them encrypted', async () => {
      const slack = await createChannel(server, alice.authHeader, { type: 'SLACK', name: 'team', url: SLACK_URL });
      const hook = await createChannel(server, alice.authHeader, {
        type: 'WEBHOOK',
        name: 'hook',
        url: 'https://example.com/in',
        secret: SIGNING_SECRET,
      });
      expect(slack).toMatchObject({ type: 'SLACK', config: {}, hasSecret: true, enabled: true });
      expect(hook).toMatchObject({ type: 'WEBHOOK', config: { url: 'https://example.com/in' }, hasSecret: true });
      const listed = await request(server).get('/notifications/channels').set(alice.authHeader).expect(200);
      const fetched = await request(server).get(`/notifications/channels/${slack.id}`).set(alice.authHeader).expect(200);
      for (const text of [JSON.stringify(slack), JSON.stringify(hook), JSON.stringify(listed.body), JSON.stringify(fetched.body)]) {
        expect(text).not.toContain('supersecrettoken');
        expect(text).not.toContain(SIGNING_SECRET);
        expect(text).not.toContain('encryptedSecret');
      }

      const rows = await prisma.notificationChannel.findMany({ where: { id: { in: [slack.id, hook.id] } } });
      const raw = JSON.stringify(rows);
      expect(raw).not.toContain('supersecrettoken');
      expect(raw).not.toContain(SIGNING_SECRET);
      const cipher = api.app.get(SecretCipher);
      expect(JSON.parse(cipher.decrypt(rows.find((r) => r.id === slack.id)!.encryptedSecret!))).toEqual({ url: SLACK_URL });
      expect(JSON.parse(cipher.decrypt(rows.find((r) => r.id === hook.id)!.encryptedSecret!))).toEqual({ signingSecret: SIGNING_SECRET });
    });

    it('updates name, state and write-only secrets; deletes', async () => {
      const hook = await createChannel(server, alice.authHeader, {
        type: 'WEBHOOK',
        name: 'rotate',
        url: 'https://example.com/a',
        secret: SIGNING_SECRET,
      });
      const before = await prisma.notificationChannel.findUniqueOrThrow({ where: { id: hook.id } });
      const res = await request(server)
        .patch(`/notifications/channels/${hook.id}`)
        .set(alice.authHeader)
        .send({ name: 'rotated', enabled: false, secret: 'a-brand-new-signing-secret' })
        .expect(200);
      expect(res.body).toMatchObject({ name: 'rotated', enabled: false, hasSecret: true, config: { url: 'https://example.com/a' } });
      expect(JSON.stringify(res.body)).not.toContain('a-brand-new-signing-secret');
      const after = await prisma.notificationChannel.findUniqueOrThrow({ where: { id: hook.id } });
      expect(JSON.parse(api.app.get(SecretCipher).decrypt(after.encryptedSecret!))).toEqual({
        signingSecret: 'a-brand-new-signing-secret',
      });
      expect(after.encryptedSecret).not.toBe(before.encryptedSecret);
      await request(server).delete(`/notifications/channels/${hook.id}`).set(alice.authHeader).expect(204);
      await request(server).get(`/notifications/channels/${hook.id}`).set(alice.authHeader).expect(404);
    });

    it.each([
      [{ type: 'EMAIL', name: 'x' }, /email must be an email/],
      [{ type: 'EMAIL', name: 'x', email: 'not-an-email' }, /email must be an email/],
      [{ type: 'SLACK', name: 'x', url: SLACK_URL, email: 'a@example.com' }, /email does not apply to SLACK channels/],
      [{ type: 'WEBHOOK', name: 'x', url: 'https://example.com/in' }, /secret must be/],
      [{ type: 'WEBHOOK', name: 'x', url: 'https://example.com/in', secret: 'short' }, /secret must be longer/],
      [{ type: 'WEBHOOK', name: 'x', url: 'ftp://example.com/in', secret: SIGNING_SECRET }, /url must be a URL/],
      [{ type: 'IN_APP', name: 'x', surprise: 1 }, /property surprise should not exist/],
      [{ type: 'PIGEON', name: 'x' }, /type must be one of/],
    ])('refuses %j', async (body, message) => {
      const res = await request(server).post('/notifications/channels').set(alice.authHeader).send(body).expect(400);
      expect(JSON.stringify(res.body.message)).toMatch(message);
    });

    it("answers 404 for another user's channel", async () => {
      const channel = await createChannel(server, alice.authHeader, { type: 'IN_APP', name: 'mine' });
      await request(server).get(`/notifications/channels/${channel.id}`).set(bob.authHeader).expect(404);
      await request(server).patch(`/notifications/channels/${channel.id}`).set(bob.authHeader).send({ name: 'theirs' }).expect(404);
      await request(server).delete(`/notifications/channels/${channel.id}`).set(bob.authHeader).expect(404);
      const bobs = await request(server).get('/notifications/channels').set(bob.authHeader).expect(200);
      expect(bobs.body.items.map((c: { id: string }) => c.id)).not.toContain(channel.id);
    });
  });

  describe('subscriptions', () => {
    it('subscribes idempotently, without "all workflows" duplicates even under concurrency', async () => {
      const channel = await createChannel(server, alice.authHeader, { type: 'IN_APP', name: 'inbox' });
      const results = await Promise.all(
        Array.from({ length: 6 }, () =>
          request(server)
            .post('/notifications/subscriptions')
            .set(alice.authHeader)
            .send({ channelId: channel.id, event: 'EXECUTION_FAILED' }),
        ),
      );
      expect(results.map((r) => r.status)).toEqual(Array(6).fill(201));
      expect(new Set(results.map((r) => r.body.id)).size).toBe(1);
      expect(await prisma.notificationSubscription.count({ where: { channelId: channel.id } })).toBe(1);

      const workflow = await createWorkflow(server, alice.authHeader, { name: 'narrow', definition: chain() });
      const narrow = await subscribe(server, alice.authHeader, channel.id, 'EXECUTION_FAILED', workflow.id);
      expect(narrow.id).not.toBe(results[0].body.id);
      const list = await request(server).get(`/notifications/subscriptions?channelId=${channel.id}`).set(alice.authHeader).expect(200);
      expect(list.body.items).toHaveLength(2);
      expect(list.body.items.find((s: { id: string }) => s.id === narrow.id)).toMatchObject({
        event: 'EXECUTION_FAILED',
        workflowId: workflow.id,
      });

      await request(server).delete(`/notifications/subscriptions/${narrow.id}`).set(bob.authHeader).expect(404);
      await request(server).delete(`/notifications/subscriptions/${narrow.id}`).set(alice.authHeader).expect(204);
      await request(server).delete(`/notifications/subscriptions/${narrow.id}`).set(alice.authHeader).expect(404);
      expect(
        (await request(server).get(`/notifications/subscriptions?channelId=${channel.id}`).set(alice.authHeader)).body.items,
      ).toHaveLength(1);
    });

    it("refuses another user's channel or workflow, and unknown events", async () => {
      const mine = await createChannel(server, alice.authHeader, { type: 'IN_APP', name: 'a' });
      const theirs = await createChannel(server, bob.authHeader, { type: 'IN_APP', name: 'b' });
      const bobsWorkflow = await createWorkflow(server, bob.authHeader, { name: 'bobs', definition: chain() });
      await request(server)
        .post('/notifications/subscriptions')
        .set(alice.authHeader)
        .send({ channelId: theirs.id, event: 'EXECUTION_FAILED' })
        .expect(404);
      await request(server)
        .post('/notifications/subscriptions')
        .set(alice.authHeader)
        .send({ channelId: mine.id, event: 'EXECUTION_FAILED', workflowId: bobsWorkflow.id })
        .expect(404);
      await request(server)
        .post('/notifications/subscriptions')
        .set(alice.authHeader)
        .send({ channelId: mine.id, event: 'LUNCH_READY' })
        .expect(400);
    });

    it('lets only admins subscribe to backups, and tells them about backups', async () => {
      const admin = await registerUser(server);
      await makeAdmin(api.app, admin.user.id);
      const adminInbox = await createChannel(server, admin.authHeader, { type: 'IN_APP', name: 'ops' });
      const userInbox = await createChannel(server, alice.authHeader, { type: 'IN_APP', name: 'curious' });
      await request(server)
        .post('/notifications/subscriptions')
        .set(alice.authHeader)
        .send({ channelId: userInbox.id, event: 'BACKUP_FAILED' })
        .expect(403);
      await request(server)
        .post('/notifications/subscriptions')
        .set(admin.authHeader)
        .send({ channelId: adminInbox.id, event: 'BACKUP_FAILED', workflowId: adminInbox.id })
        .expect(400);
      await subscribe(server, admin.authHeader, adminInbox.id, 'BACKUP_FAILED');

      const at = new Date();
      const event = {
        id: '20260101T020000Z',
        status: 'FAILED' as const,
        trigger: 'SCHEDULED' as const,
        host: 'api-0',
        startedAt: at,
        finishedAt: at,
        durationMs: 1200,
        sizeBytes: null,
        location: null,
        s3Uri: null,
        error: 'pg_dump: connection refused',
      };
      await api.app.get(BackupEvents).emitFinished(event);
      await api.app.get(BackupEvents).emitFinished(event); // the same backup reported twice notifies once
      const res = await request(server).get('/notifications').set(admin.authHeader).expect(200);
      expect(res.body.items).toHaveLength(1);
      expect(res.body.items[0]).toMatchObject({
        event: 'BACKUP_FAILED',
        status: 'SENT',
        title: 'Backup 20260101T020000Z FAILED on api-0',
        channel: { id: adminInbox.id, type: 'IN_APP', name: 'ops' },
      });
      expect(res.body.items[0].body).toContain('pg_dump: connection refused');
      expect(await prisma.notification.count({ where: { userId: alice.user.id, event: 'BACKUP_FAILED' } })).toBe(0);
    });
  });

  describe('history', () => {
    let carol: RegisteredUser;
    let ids: string[];

    beforeAll(async () => {
      carol = await registerUser(server);
      const inbox = await createChannel(server, carol.authHeader, { type: 'IN_APP', name: 'inbox' });
      const dispatcher = api.app.get(NotificationDispatcher);
      for (let i = 1; i <= 5; i++)
        await dispatcher.dispatch({ event: 'ALERT_FIRED', occurrence: `history-${i}`, title: `alert ${i}`, body: 'b', payload: { i } }, [
          { userId: carol.user.id, channelId: inbox.id, channelType: 'IN_APP' },
        ]);
      ids = (
        await prisma.notification.findMany({ where: { userId: carol.user.id }, orderBy: [{ createdAt: 'desc' }, { id: 'desc' }] })
      ).map((n) => n.id);
    });

    it('pages newest first with a cursor', async () => {
      const seen: string[] = [];
      let cursor: string | null = null;
      do {
        const res: request.Response = await request(server)
          .get('/notifications')
          .query({ limit: 2, ...(cursor ? { cursor } : {}) })
          .set(carol.authHeader)
          .expect(200);
        seen.push(...res.body.items.map((n: { id: string }) => n.id));
        cursor = res.body.nextCursor;
      } while (cursor);
      expect(seen).toEqual(ids);
      await request(server).get('/notifications?cursor=garbage').set(carol.authHeader).expect(400);
    });

    it('filters unread, marks one and then all read', async () => {
      const unread = async () =>
        (await request(server).get('/notifications?unread=true&limit=100').set(carol.authHeader).expect(200)).body.items.map(
          (n: { id: string }) => n.id,
        );
      expect(await unread()).toEqual(ids);
      const read = await request(server).post(`/notifications/${ids[1]}/read`).set(carol.authHeader).expect(200);
      expect(read.body).toMatchObject({ id: ids[1], readAt: expect.any(String) });
      const again = await request(server).post(`/notifications/${ids[1]}/read`).set(carol.authHeader).expect(200);
      expect(again.body.readAt).toBe(read.body.readAt);
      expect(await unread()).toEqual(ids.filter((id) => id !== ids[1]));
      const readOnly = await request(server).get('/notifications?unread=false').set(carol.authHeader).expect(200);
      expect(readOnly.body.items.map((n: { id: string }) => n.id)).toEqual([ids[1]]);
      expect((await request(server).post('/notifications/read-all').set(carol.authHeader).expect(200)).body).toEqual({ updated: 4 });
      expect(await unread()).toEqual([]);
    });

    it("hides other users' notifications (404, never listed)", async () => {
      await request(server).post(`/notifications/${ids[0]}/read`).set(bob.authHeader).expect(404);
      const bobs = await request(server).get('/notifications').set(bob.authHeader).expect(200);
      expect(bobs.body.items.map((n: { id: string }) => n.id)).not.toContain(ids[0]);
      await request(server).post('/notifications/not-a-uuid/read').set(carol.authHeader).expect(400);
    });
  });
});

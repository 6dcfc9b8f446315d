import { ClientRequest, get as httpGet, IncomingMessage, Server } from 'node:http';
import request from 'supertest';
import { NotificationDispatcher } from '@app/notifications';
import { registerUser, RegisteredUser } from '../support/auth';
import { deleteRedisKeys } from '../support/process-api';
import { startTestApi, TestApi } from '../support/test-app';
import { eventually } from '../support/workflows';
import { parseExposition, total } from '../metrics/exposition';
import { createChannel } from './support/notification-kit';

/** One open GET /notifications/events, as a browser tab holds it: the `unread` counts it received, in order. */
class InboxStream {
  readonly counts: number[] = [];
  private constructor(
    private readonly req: ClientRequest,
    readonly res: IncomingMessage,
  ) {
    let buffered = '';
    res.on('data', (chunk: Buffer) => {
      buffered += chunk.toString();
      const blocks = buffered.split('\n\n');
      buffered = blocks.pop() ?? '';
      for (const block of blocks)
        if (/^event: unread$/m.test(block)) this.counts.push((JSON.parse(/^data: (.*)$/m.exec(block)![1]) as { count: number }).count);
    });
  }

  static open(url: string, headers: Record<string, string>): Promise<InboxStream> {
    return new Promise((resolve, reject) => {
      const req = httpGet(`${url}/notifications/events`, { headers }, (res) => resolve(new InboxStream(req, res)));
      req.on('error', reject);
    });
  }

  /** Resolves when the counts received so far end with `count`. */
  until(count: number): Promise<void> {
    return eventually(`unread ${count} (got ${this.counts.join(', ')})`, async () => this.counts[this.counts.length - 1] === count);
  }

  close(): void {
    this.req.destroy();
  }
}

describe('GET /notifications/events: the unread count, live', () => {
  let api: TestApi;
  let server: Server;
  let alice: RegisteredUser;
  let bob: RegisteredUser;
  const streams: InboxStream[] = [];

  beforeAll(async () => {
    api = await startTestApi();
    server = api.app.getHttpServer();
    [alice, bob] = await Promise.all([registerUser(server), registerUser(server)]);
  });
  afterAll(async () => {
    streams.forEach((stream) => stream.close());
    await api?.close();
    if (api) await deleteRedisKeys(api.config.redis.REDIS_KEY_PREFIX);
  });

  const openStreams = async () => total(parseExposition((await request(server).get('/metrics')).text), 'websocket_connections_active');

  const open = async (user: RegisteredUser) => {
    const stream = await InboxStream.open(api.url, user.authHeader);
    streams.push(stream);
    return stream;
  };

  it('counts at once, then after every change of the own inbox only: stored, tested, read one, read all', async () => {
    const [aliceTab, aliceOtherTab, bobTab] = await Promise.all([open(alice), open(alice), open(bob)]);
    expect(aliceTab.res.statusCode).toBe(200);
    expect(aliceTab.res.headers['content-type']).toMatch(/^text\/event-stream/);
    await Promise.all([aliceTab.until(0), aliceOtherTab.until(0), bobTab.until(0)]);
    expect(await openStreams()).toBe(3);

    const inbox = await createChannel(server, alice.authHeader, { type: 'IN_APP', name: 'inbox' });
    await request(server).post(`/notifications/channels/${inbox.id}/test`).set(alice.authHeader).expect(200);
    await Promise.all([aliceTab.until(1), aliceOtherTab.until(1)]);

    // What a failed run or a fired alert stores goes through the dispatcher.
    await api.app
      .get(NotificationDispatcher)
      .dispatch({ event: 'ALERT_FIRED', occurrence: 'inbox-stream', title: 'alert', body: 'b', payload: {} }, [
        { userId: alice.user.id, channelId: inbox.id, channelType: 'IN_APP' },
      ]);
    await aliceTab.until(2);

    const { items } = (await request(server).get('/notifications?unread=true').set(alice.authHeader).expect(200)).body as {
      items: { id: string }[];
    };
    await request(server).post(`/notifications/${items[0].id}/read`).set(alice.authHeader).expect(200);
    await aliceTab.until(1);
    await request(server).post('/notifications/read-all').set(alice.authHeader).expect(200);
    await Promise.all([aliceTab.until(0), aliceOtherTab.until(0)]);

    // Bob's stream heard none of it: his count was sent once, when it opened.
    expect(bobTab.counts).toEqual([0]);
    // Reading again changes nothing, so nothing is announced: the next count heard is the next real change.
    const heard = aliceTab.counts.length;
    await request(server).post('/notifications/read-all').set(alice.authHeader).expect(200);
    await request(server).post(`/notifications/channels/${inbox.id}/test`).set(alice.authHeader).expect(200);
    await aliceTab.until(1);
    expect(aliceTab.counts.slice(heard)).toEqual([1]);

    // A tab going away ends its stream.
    bobTab.close();
    await eventually('bob’s stream closed', async () => (await openStreams()) === 2);
  });

  it('answers 401 without a token', async () => {
    const res = await request(server).get('/notifications/events').expect(401);
    expect(res.body).toMatchObject({ statusCode: 401 });
  });
});

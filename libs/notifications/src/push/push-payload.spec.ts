import { loadConfig } from '@app/config';
import { TargetGuard } from '../delivery/target-guard';
import { OutgoingNotification } from '../delivery/senders/outgoing-notification';
import { pushEndpointRefusal } from './push-endpoint.util';
import { pushPayload } from './push-payload';

const base: OutgoingNotification = {
  id: 'n1',
  userId: 'u1',
  event: 'ALERT_FIRED',
  title: 'Alert "x" fired',
  body: 'b',
  payload: { ruleId: 'r1' },
  createdAt: new Date(),
};

describe('pushPayload', () => {
  it('opens the execution for execution events, one notification per execution', () =>
    expect(pushPayload({ ...base, event: 'EXECUTION_FAILED', payload: { executionId: 'e1' } })).toEqual({
      title: base.title,
      body: 'b',
      url: '/app/executions/e1',
      tag: 'execution-e1',
      notificationId: 'n1',
    }));

  it('opens the notifications page for alerts and everything else', () =>
    expect(pushPayload(base)).toMatchObject({ url: '/app/notifications', tag: 'notification-n1' }));

  it('keeps the body small enough for push services', () =>
    expect(pushPayload({ ...base, body: 'x'.repeat(5_000) }).body).toHaveLength(1_000));
});

describe('pushEndpointRefusal', () => {
  const guard = new TargetGuard(loadConfig({ NODE_ENV: 'test' }));

  it('accepts public https push services', () =>
    expect(pushEndpointRefusal('https://fcm.googleapis.com/fcm/send/abc', true, guard)).toBeNull());

  it('accepts loopback http only outside production (tests serve their own push service)', () => {
    expect(pushEndpointRefusal('http://127.0.0.1:9999/push/1', false, guard)).toBeNull();
    expect(pushEndpointRefusal('http://localhost:9999/push/1', true, guard)).toMatch(/https/);
    expect(pushEndpointRefusal('https://127.0.0.1/push/1', true, guard)).toMatch(/loopback/);
  });

  it('refuses plain http and private addresses', () => {
    expect(pushEndpointRefusal('http://push.example.com/x', false, guard)).toMatch(/https/);
    expect(pushEndpointRefusal('https://192.168.1.10/x', false, guard)).toMatch(/private/);
  });
});

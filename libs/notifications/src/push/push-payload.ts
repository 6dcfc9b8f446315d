import { OutgoingNotification } from '../delivery/senders/outgoing-notification';

/** What the service worker receives: it shows title and body, and a click opens `url` in the console. */
export interface PushPayload {
  title: string;
  body: string;
  url: string;
  tag: string;
  notificationId: string;
}

/** Push services accept about 4 KB of encrypted payload; the body is shortened well below that. */
const BODY_MAX = 1_000;

export function pushPayload(n: OutgoingNotification): PushPayload {
  const executionId = executionOf(n);
  return {
    title: n.title,
    body: n.body.length <= BODY_MAX ? n.body : `${n.body.slice(0, BODY_MAX - 1)}…`,
    url: executionId ? `/app/executions/${executionId}` : '/app/notifications',
    // One notification per execution on a device: a redelivery replaces it instead of stacking up.
    tag: executionId ? `execution-${executionId}` : `notification-${n.id}`,
    notificationId: n.id,
  };
}

function executionOf(n: OutgoingNotification): string | null {
  if (n.event !== 'EXECUTION_FAILED' && n.event !== 'EXECUTION_SUCCEEDED') return null;
  const id = (n.payload as { executionId?: unknown } | null)?.executionId;
  return typeof id === 'string' ? id : null;
}

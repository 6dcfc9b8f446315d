import { useEffect, useRef } from 'react';
import { refreshSession, sessionStore } from '../../api/session';
import { readEventStream, ServerSentEvent } from './read-event-stream';

interface EventStreamHandlers {
  /** Connected (again): what changed while away is unknown. */
  onOpen?(): void;
  onEvent(event: ServerSentEvent): void;
}

/**
 * Follows one server-sent event stream of the API while mounted (fetch streaming: EventSource cannot send
 * the Authorization header); a 401 refreshes the session once, failures reconnect with jittered backoff.
 */
export function useEventStream(path: string, handlers: EventStreamHandlers): void {
  const latest = useRef(handlers);
  latest.current = handlers;
  useEffect(() => {
    const controller = new AbortController();
    void (async () => {
      let failures = 0;
      while (!controller.signal.aborted) {
        try {
          const res = await fetch(path, {
            headers: { Authorization: `Bearer ${sessionStore.get()?.accessToken}`, Accept: 'text/event-stream' },
            signal: controller.signal,
          });
          if (res.status === 401 && !(await refreshSession())) return;
          if (res.ok && res.body) {
            failures = 0;
            latest.current.onOpen?.();
            for await (const event of readEventStream(res.body)) latest.current.onEvent(event);
          }
        } catch {
          if (controller.signal.aborted) return;
        }
        failures++;
        const delay = Math.min(30_000, 500 * 2 ** failures) * (0.5 + Math.random() / 2);
        await new Promise((resolve) => setTimeout(resolve, delay));
      }
    })();
    return () => controller.abort();
  }, [path]);
}

import { type RefObject, useEffect, useRef } from 'react';
import { refreshSession, sessionStore } from '../../api/session';
import { readEventStream, ServerSentEvent } from './read-event-stream';

interface EventStreamHandlers {
  /** Connected (again): what changed while away is unknown. */
  onOpen?(): void;
  onEvent(event: ServerSentEvent): void;
}

interface SharedStream {
  readonly handlers: Set<RefObject<EventStreamHandlers>>;
  readonly controller: AbortController;
  closeTimer?: ReturnType<typeof setTimeout>;
}

/**
 * One connection per stream and user, whoever mounts it and however often: browsers give an HTTP/1.1
 * origin six connections, and streams held twice (React's StrictMode mounts effects twice; a remount
 * before the old connection closes) left the console's reads queueing behind them.
 */
const streams = new Map<string, SharedStream>();
/** A remount within this reuses the open connection instead of opening another. */
const LINGER_MS = 1_000;

/**
 * Follows one server-sent event stream of the API while mounted (fetch streaming: EventSource cannot send
 * the Authorization header); a 401 refreshes the session once, failures reconnect with jittered backoff.
 */
export function useEventStream(path: string, handlers: EventStreamHandlers): void {
  const latest = useRef(handlers);
  latest.current = handlers;
  useEffect(() => {
    // Another user signing in gets a connection of their own, never the previous user's.
    const key = `${sessionStore.get()?.user.id ?? ''} ${path}`;
    let stream = streams.get(key);
    if (!stream) {
      stream = { handlers: new Set(), controller: new AbortController() };
      streams.set(key, stream);
      void follow(path, stream);
    }
    clearTimeout(stream.closeTimer);
    stream.handlers.add(latest);
    const joined = stream;
    return () => {
      joined.handlers.delete(latest);
      if (joined.handlers.size) return;
      joined.closeTimer = setTimeout(() => {
        if (joined.handlers.size) return;
        joined.controller.abort();
        if (streams.get(key) === joined) streams.delete(key);
      }, LINGER_MS);
    };
  }, [path]);
}

async function follow(path: string, stream: SharedStream): Promise<void> {
  const { signal } = stream.controller;
  let failures = 0;
  while (!signal.aborted) {
    try {
      const res = await fetch(path, {
        headers: { Authorization: `Bearer ${sessionStore.get()?.accessToken}`, Accept: 'text/event-stream' },
        signal,
      });
      if (res.status === 401 && !(await refreshSession())) return;
      if (res.ok && res.body) {
        failures = 0;
        stream.handlers.forEach((handlers) => handlers.current.onOpen?.());
        for await (const event of readEventStream(res.body)) stream.handlers.forEach((handlers) => handlers.current.onEvent(event));
      }
    } catch {
      if (signal.aborted) return;
    }
    failures++;
    const delay = Math.min(30_000, 500 * 2 ** failures) * (0.5 + Math.random() / 2);
    await new Promise((resolve) => setTimeout(resolve, delay));
  }
}

import { useEffect, useReducer } from 'react';
import { refreshSession, sessionStore } from '../../../api/session';
import { readEventStream } from '../../../app/live/read-event-stream';
import { applyExecutionEvent, startedTestRun, type TestRunState } from './test-run-state';

type Action = { type: 'start'; executionId: string } | { type: 'event'; event: string; data: unknown };

function reduce(state: TestRunState | null, action: Action): TestRunState | null {
  if (action.type === 'start') return startedTestRun(action.executionId);
  return state && applyExecutionEvent(state, action.event, action.data);
}

/** One execution's progress, live from GET /executions/{id}/events, until it is final. */
export function useFollowExecution(executionId: string | null): TestRunState | null {
  const [state, dispatch] = useReducer(reduce, null);
  useEffect(() => {
    if (!executionId) return;
    dispatch({ type: 'start', executionId });
    const controller = new AbortController();
    void follow(executionId, controller.signal, (event, data) => dispatch({ type: 'event', event, data }));
    return () => controller.abort();
  }, [executionId]);
  return state;
}

/**
 * Reads the stream with fetch (EventSource cannot send the Authorization header, and a token never goes
 * in a URL). A stream that ends early (network, the API's per-stream time limit) is opened again with
 * jittered backoff: it starts over with the current status and every step, so nothing is missed.
 */
async function follow(executionId: string, signal: AbortSignal, onEvent: (event: string, data: unknown) => void): Promise<void> {
  let failures = 0;
  while (!signal.aborted) {
    try {
      const res = await fetch(`/executions/${executionId}/events`, {
        headers: { Authorization: `Bearer ${sessionStore.get()?.accessToken}`, Accept: 'text/event-stream' },
        signal,
      });
      if (res.status === 401 && failures === 0 && (await refreshSession())) {
        failures++;
        continue;
      }
      if (res.status === 404 || res.status === 401) {
        onEvent('error', { message: res.status === 404 ? 'The execution no longer exists' : 'Sign in again to follow the run' });
        return;
      }
      if (res.ok && res.body) {
        for await (const event of readEventStream(res.body)) {
          failures = 0;
          onEvent(event.event, JSON.parse(event.data));
          if (event.event === 'done' || event.event === 'error') return;
        }
      }
    } catch {
      if (signal.aborted) return;
    }
    failures++;
    await pause(Math.min(10_000, 250 * 2 ** failures) * (0.5 + Math.random() / 2), signal);
  }
}

function pause(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, ms);
    signal.addEventListener('abort', () => (clearTimeout(timer), resolve()), { once: true });
  });
}

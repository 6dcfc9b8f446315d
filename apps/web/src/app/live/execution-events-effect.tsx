import { useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { keys } from '../../api/keys';
import { refreshSession, sessionStore } from '../../api/session';
import { readEventStream } from './read-event-stream';

interface UserExecutionUpdate {
  execution?: { id: string };
  changed?: string;
}

/**
 * One GET /executions/events connection while signed in (fetch streaming: EventSource cannot send the
 * Authorization header). Each event refetches the lists and the execution's detail; reconnects with jitter.
 */
export function ExecutionEventsEffect() {
  const queryClient = useQueryClient();
  useEffect(() => {
    const controller = new AbortController();
    void (async () => {
      let failures = 0;
      while (!controller.signal.aborted) {
        try {
          const res = await fetch('/executions/events', {
            headers: { Authorization: `Bearer ${sessionStore.get()?.accessToken}`, Accept: 'text/event-stream' },
            signal: controller.signal,
          });
          if (res.status === 401 && !(await refreshSession())) return;
          if (res.ok && res.body) {
            failures = 0;
            // Runs may have changed while disconnected.
            void queryClient.invalidateQueries({ queryKey: keys.executions.all });
            for await (const event of readEventStream(res.body)) {
              const update = JSON.parse(event.data) as UserExecutionUpdate;
              const id = update.execution?.id ?? update.changed;
              void queryClient.invalidateQueries({ queryKey: [...keys.executions.all, 'list'] });
              // The workflow list shows each workflow's last run and run history.
              void queryClient.invalidateQueries({ queryKey: [...keys.workflows.all, 'list'] });
              if (id) void queryClient.invalidateQueries({ queryKey: keys.executions.detail(id) });
            }
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
  }, [queryClient]);
  return null;
}

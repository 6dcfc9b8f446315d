import { useQueryClient } from '@tanstack/react-query';
import { keys } from '../../api/keys';
import { useEventStream } from './use-event-stream';

/** `created`, `status` and `finished` carry the execution's summary; `resync` only a message. */
interface UserExecutionEvent {
  id?: string;
}

/** One GET /executions/events connection while signed in: each event refetches the lists and the execution's detail. */
export function ExecutionEventsEffect() {
  const queryClient = useQueryClient();
  useEventStream('/executions/events', {
    // Runs may have changed while disconnected.
    onOpen: () => void queryClient.invalidateQueries({ queryKey: keys.executions.all }),
    onEvent: (event) => {
      const { id } = JSON.parse(event.data) as UserExecutionEvent;
      void queryClient.invalidateQueries({ queryKey: [...keys.executions.all, 'list'] });
      // The workflow list shows each workflow's last run and run history.
      void queryClient.invalidateQueries({ queryKey: [...keys.workflows.all, 'list'] });
      if (id) void queryClient.invalidateQueries({ queryKey: keys.executions.detail(id) });
    },
  });
  return null;
}

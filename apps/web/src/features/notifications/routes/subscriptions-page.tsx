import { Button, Group, Select, Stack, Table, Title } from '@mantine/core';
import { type FormEvent, useState } from 'react';
import { EmptyState } from '../../../shared/ui/empty-state';
import { ErrorState } from '../../../shared/ui/error-state';
import { TableSkeleton } from '../../../shared/ui/table-skeleton';
import { useWorkflows } from '../../workflows/api/use-workflows';
import { useChannels } from '../api/use-channels';
import { useSubscribe, useSubscriptions, useUnsubscribe } from '../api/use-subscriptions';
import { NotificationsNav } from '../components/notifications-nav';
import { EVENT_LABEL, labelOf, options, SUBSCRIBABLE_EVENTS } from '../model/labels';
import { DataTable } from '../../../shared/ui/data-table';

/** Which events go to which channel, for every workflow or one of them. */
export function SubscriptionsPage() {
  const query = useSubscriptions();
  const channels = useChannels();
  const workflows = useWorkflows({});
  const subscribe = useSubscribe();
  const unsubscribe = useUnsubscribe();
  const [event, setEvent] = useState<string | null>('EXECUTION_FAILED');
  const [channelId, setChannelId] = useState<string | null>(null);
  const [workflowId, setWorkflowId] = useState<string | null>(null);
  const channelName = new Map(channels.data?.items.map((c) => [c.id, c.name]));
  const workflowName = new Map(workflows.data?.items.map((w) => [w.id, w.name]));
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!event || !channelId) return;
    subscribe.mutate({ event: event as never, channelId, ...(workflowId ? { workflowId } : {}) });
  };
  return (
    <Stack>
      <Title order={1}>Subscriptions</Title>
      <NotificationsNav />
      <form onSubmit={submit} aria-label="New subscription">
        <Group align="end">
          <Select
            label="Event"
            data={options(EVENT_LABEL, SUBSCRIBABLE_EVENTS)}
            value={event}
            onChange={setEvent}
            allowDeselect={false}
            required
          />
          <Select
            label="Channel"
            placeholder={channels.data?.items.length === 0 ? 'Create a channel first' : 'Pick a channel'}
            data={channels.data?.items.map((c) => ({ value: c.id, label: c.name })) ?? []}
            value={channelId}
            onChange={setChannelId}
            required
          />
          <Select
            label="Workflow"
            placeholder="Every workflow"
            data={workflows.data?.items.map((w) => ({ value: w.id, label: w.name })) ?? []}
            value={workflowId}
            onChange={setWorkflowId}
            clearable
            searchable
          />
          <Button type="submit" loading={subscribe.isPending} disabled={!channelId}>
            Subscribe
          </Button>
        </Group>
      </form>
      {subscribe.error && <ErrorState error={subscribe.error} onRetry={() => subscribe.reset()} />}
      {unsubscribe.error && <ErrorState error={unsubscribe.error} onRetry={() => unsubscribe.reset()} />}
      {query.isPending ? (
        <TableSkeleton />
      ) : query.isError ? (
        <ErrorState error={query.error} onRetry={() => void query.refetch()} />
      ) : query.data.items.length === 0 ? (
        <EmptyState title="No subscriptions">Subscribe a channel to an event to be told when it happens.</EmptyState>
      ) : (
        <DataTable label="Subscriptions table" minWidth={560} columns={['Event', 'Channel', 'Workflow', { hidden: 'Actions' }]}>
          {query.data.items.map((s) => (
            <Table.Tr key={s.id}>
              <Table.Td>{labelOf(EVENT_LABEL, s.event)}</Table.Td>
              <Table.Td>{channelName.get(s.channelId) ?? s.channelId.slice(0, 8)}</Table.Td>
              <Table.Td>{s.workflowId ? (workflowName.get(s.workflowId) ?? s.workflowId.slice(0, 8)) : 'Every workflow'}</Table.Td>
              <Table.Td>
                <Button
                  size="xs"
                  color="red"
                  variant="outline"
                  onClick={() => unsubscribe.mutate(s.id)}
                  aria-label={`Unsubscribe ${labelOf(EVENT_LABEL, s.event)} from ${channelName.get(s.channelId) ?? 'channel'}`}
                >
                  Remove
                </Button>
              </Table.Td>
            </Table.Tr>
          ))}
        </DataTable>
      )}
    </Stack>
  );
}

import { Badge, Button, Group, Modal, Stack, Table, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { EmptyState } from '../../../shared/ui/empty-state';
import { EditDeleteButtons } from '../../../shared/ui/edit-delete-buttons';
import { ErrorState } from '../../../shared/ui/error-state';
import { TableSkeleton } from '../../../shared/ui/table-skeleton';
import {
  type Channel,
  type CreateChannelBody,
  useChannels,
  useCreateChannel,
  useDeleteChannel,
  useTestChannel,
  useUpdateChannel,
} from '../api/use-channels';
import { ChannelForm } from '../components/channel-form';
import { ChannelTestResult } from '../components/channel-test-result';
import { NotificationsNav } from '../components/notifications-nav';
import { CHANNEL_TYPE_LABEL, labelOf } from '../model/labels';
import { DataTable } from '../../../shared/ui/data-table';

/** null: closed; 'new': creating; a channel: editing it. */
type Editing = null | 'new' | Channel;

export function ChannelsPage() {
  const query = useChannels();
  const create = useCreateChannel();
  const update = useUpdateChannel();
  const remove = useDeleteChannel();
  const test = useTestChannel();
  const [editing, setEditing] = useState<Editing>(null);
  const save = editing && editing !== 'new' ? update : create;
  const close = () => {
    setEditing(null);
    create.reset();
    update.reset();
  };
  const submit = (body: CreateChannelBody) => {
    if (editing && editing !== 'new') {
      const { type: _type, ...changes } = body;
      update.mutate({ id: editing.id, body: changes }, { onSuccess: close });
    } else create.mutate(body, { onSuccess: close });
  };
  const tested = query.data?.items.find((c) => c.id === test.variables);
  return (
    <Stack>
      <Title order={1}>Notification channels</Title>
      <NotificationsNav />
      <Group>
        <Button onClick={() => setEditing('new')}>New channel</Button>
      </Group>
      {tested && (test.data || test.error) && (
        <ChannelTestResult channelName={tested.name} result={test.data ?? null} error={test.error} onClose={() => test.reset()} />
      )}
      {remove.error && <ErrorState error={remove.error} onRetry={() => remove.reset()} />}
      {query.isPending ? (
        <TableSkeleton />
      ) : query.isError ? (
        <ErrorState error={query.error} onRetry={() => void query.refetch()} />
      ) : query.data.items.length === 0 ? (
        <EmptyState title="No channels yet">
          A channel is where notifications go: this inbox, email, Slack, a webhook or your devices.
        </EmptyState>
      ) : (
        <DataTable label="Channels table" minWidth={720} columns={['Name', 'Type', 'Target', 'State', { hidden: 'Actions' }]}>
          {query.data.items.map((channel) => (
            <Table.Tr key={channel.id}>
              <Table.Td>{channel.name}</Table.Td>
              <Table.Td>{labelOf(CHANNEL_TYPE_LABEL, channel.type)}</Table.Td>
              <Table.Td>
                <Text size="sm" truncate maw={260}>
                  {target(channel)}
                </Text>
              </Table.Td>
              <Table.Td>
                <Badge variant="dot" color={channel.enabled ? 'green' : 'gray'}>
                  {channel.enabled ? 'enabled' : 'disabled'}
                </Badge>
              </Table.Td>
              <Table.Td>
                <EditDeleteButtons
                  name={channel.name}
                  onEdit={() => setEditing(channel)}
                  onDelete={() => remove.mutate(channel.id)}
                  deleting={remove.isPending && remove.variables === channel.id}
                >
                  <Button
                    size="xs"
                    variant="default"
                    onClick={() => test.mutate(channel.id)}
                    loading={test.isPending && test.variables === channel.id}
                    aria-label={`Send test through ${channel.name}`}
                  >
                    Send test
                  </Button>
                </EditDeleteButtons>
              </Table.Td>
            </Table.Tr>
          ))}
        </DataTable>
      )}
      <Modal
        opened={editing !== null}
        onClose={close}
        title={editing === 'new' ? 'New channel' : 'Edit channel'}
        closeButtonProps={{ 'aria-label': 'Close' }}
      >
        {save.error && <ErrorState error={save.error} onRetry={() => save.reset()} />}
        {editing !== null && (
          <ChannelForm
            key={editing === 'new' ? 'new' : editing.id}
            channel={editing === 'new' ? undefined : editing}
            submitting={save.isPending}
            onSubmit={submit}
            onCancel={close}
          />
        )}
      </Modal>
    </Stack>
  );
}

function target(channel: Channel): string {
  const config = channel.config as { email?: string; url?: string };
  if (channel.type === 'SLACK') return channel.hasSecret ? 'Slack webhook (stored encrypted)' : '—';
  return config.email ?? config.url ?? (channel.type === 'IN_APP' ? 'this inbox' : channel.type === 'PUSH' ? 'your devices' : '—');
}

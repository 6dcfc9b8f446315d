import { Badge, Button, Group, Modal, Stack, Table, Text, Title, VisuallyHidden } from '@mantine/core';
import { useState } from 'react';
import { EmptyState } from '../../../shared/ui/empty-state';
import { ErrorState } from '../../../shared/ui/error-state';
import { TableSkeleton } from '../../../shared/ui/table-skeleton';
import { useIsAdmin } from '../../operations/api/use-current-user';
import { useWorkflows } from '../../workflows/api/use-workflows';
import {
  type AlertRule,
  type CreateAlertRuleBody,
  useAlertRules,
  useCreateAlertRule,
  useDeleteAlertRule,
  useUpdateAlertRule,
} from '../api/use-alert-rules';
import { AlertRuleForm } from '../components/alert-rule-form';
import { NotificationsNav } from '../components/notifications-nav';
import { COMPARATOR_LABEL, formatDate, formatSeconds, labelOf, METRIC_LABEL } from '../model/labels';

type Editing = null | 'new' | AlertRule;

/** Alert rules with their last firing; an ALERT_FIRED subscription decides where the alert goes. */
export function AlertRulesPage() {
  const query = useAlertRules();
  const workflows = useWorkflows({});
  const isAdmin = useIsAdmin();
  const create = useCreateAlertRule();
  const update = useUpdateAlertRule();
  const remove = useDeleteAlertRule();
  const [editing, setEditing] = useState<Editing>(null);
  const save = editing && editing !== 'new' ? update : create;
  const workflowName = new Map(workflows.data?.items.map((w) => [w.id, w.name]));
  const close = () => {
    setEditing(null);
    create.reset();
    update.reset();
  };
  const submit = (body: CreateAlertRuleBody) => {
    // null clears the workflow.
    if (editing && editing !== 'new')
      update.mutate({ id: editing.id, body: { ...body, workflowId: body.workflowId ?? null } }, { onSuccess: close });
    else create.mutate(body, { onSuccess: close });
  };
  return (
    <Stack>
      <Title order={1}>Alert rules</Title>
      <NotificationsNav />
      <Group>
        <Button onClick={() => setEditing('new')}>New alert rule</Button>
      </Group>
      {remove.error && <ErrorState error={remove.error} onRetry={() => remove.reset()} />}
      {query.isPending ? (
        <TableSkeleton />
      ) : query.isError ? (
        <ErrorState error={query.error} onRetry={() => void query.refetch()} />
      ) : query.data.items.length === 0 ? (
        <EmptyState title="No alert rules">Alert on failures, failure rate, slow runs or a long queue.</EmptyState>
      ) : (
        <Table.ScrollContainer minWidth={820} type="native" tabIndex={0} aria-label="Alert rules table">
          <Table style={{ whiteSpace: 'nowrap' }}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Name</Table.Th>
                <Table.Th>Condition</Table.Th>
                <Table.Th>Cooldown</Table.Th>
                <Table.Th>Workflow</Table.Th>
                <Table.Th>Last fired</Table.Th>
                <Table.Th>
                  <VisuallyHidden>Actions</VisuallyHidden>
                </Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {query.data.items.map((rule) => (
                <Table.Tr key={rule.id}>
                  <Table.Td>
                    <Group gap="xs" wrap="nowrap">
                      {rule.name}
                      {!rule.enabled && (
                        <Badge variant="dot" color="gray">
                          disabled
                        </Badge>
                      )}
                    </Group>
                  </Table.Td>
                  <Table.Td>
                    {labelOf(METRIC_LABEL, rule.metric)} {labelOf(COMPARATOR_LABEL, rule.comparator)} {rule.threshold} over{' '}
                    {formatSeconds(rule.windowSeconds)}
                  </Table.Td>
                  <Table.Td>{formatSeconds(rule.cooldownSeconds)}</Table.Td>
                  <Table.Td>{rule.workflowId ? (workflowName.get(rule.workflowId) ?? rule.workflowId.slice(0, 8)) : 'All'}</Table.Td>
                  <Table.Td>
                    {rule.lastTriggeredAt ? (
                      <Text size="sm">
                        {formatDate(rule.lastTriggeredAt)}
                        {rule.lastValue != null && ` (value ${rule.lastValue})`}
                      </Text>
                    ) : (
                      <Text size="sm">never</Text>
                    )}
                  </Table.Td>
                  <Table.Td>
                    <Group gap="xs" wrap="nowrap">
                      <Button size="xs" variant="default" onClick={() => setEditing(rule)} aria-label={`Edit ${rule.name}`}>
                        Edit
                      </Button>
                      <Button
                        size="xs"
                        color="red"
                        variant="outline"
                        onClick={() => remove.mutate(rule.id)}
                        loading={remove.isPending && remove.variables === rule.id}
                        aria-label={`Delete ${rule.name}`}
                      >
                        Delete
                      </Button>
                    </Group>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      <Modal
        opened={editing !== null}
        onClose={close}
        title={editing === 'new' ? 'New alert rule' : 'Edit alert rule'}
        size="lg"
        closeButtonProps={{ 'aria-label': 'Close' }}
      >
        {save.error && <ErrorState error={save.error} onRetry={() => save.reset()} />}
        {editing !== null && (
          <AlertRuleForm
            key={editing === 'new' ? 'new' : editing.id}
            rule={editing === 'new' ? undefined : editing}
            isAdmin={isAdmin}
            submitting={save.isPending}
            onSubmit={submit}
            onCancel={close}
          />
        )}
      </Modal>
    </Stack>
  );
}

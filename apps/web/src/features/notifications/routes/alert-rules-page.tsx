import { Badge, Button, Group, Modal, Stack, Table, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { EmptyState } from '../../../shared/ui/empty-state';
import { EditDeleteButtons } from '../../../shared/ui/edit-delete-buttons';
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
import { DataTable } from '../../../shared/ui/data-table';

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
        <DataTable
          label="Alert rules table"
          minWidth={820}
          columns={['Name', 'Condition', 'Cooldown', 'Workflow', 'Last fired', { hidden: 'Actions' }]}
        >
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
                <EditDeleteButtons
                  name={rule.name}
                  onEdit={() => setEditing(rule)}
                  onDelete={() => remove.mutate(rule.id)}
                  deleting={remove.isPending && remove.variables === rule.id}
                />
              </Table.Td>
            </Table.Tr>
          ))}
        </DataTable>
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

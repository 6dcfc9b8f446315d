import { Anchor, Badge, Group, Table, Text, UnstyledButton } from '@mantine/core';
import { Link } from 'react-router';
import { RunWorkflowButton } from '../../../pwa/run-workflow-button';
import { timeAgo } from '../../../shared/lib/format';
import type { WorkflowListItem } from '../api/use-workflows';
import { LastRun } from './last-run';
import { RunHistory } from './run-history';
import { DataTable } from '../../../shared/ui/data-table';

export interface WorkflowsTableProps {
  workflows: WorkflowListItem[];
  onTag: (tag: string) => void;
}

export function WorkflowsTable({ workflows, onTag }: WorkflowsTableProps) {
  return (
    <DataTable
      minWidth={1040}
      striped
      columns={['Name', 'Tags', 'Status', 'Last run', 'Run history', 'Version', 'Updated', { hidden: 'Actions' }]}
    >
      {workflows.map((workflow) => (
        <Table.Tr key={workflow.id}>
          <Table.Td>
            <Anchor component={Link} to={`/workflows/${workflow.id}`} fw={500}>
              {workflow.name}
            </Anchor>
          </Table.Td>
          <Table.Td>
            <Group gap={4} wrap="nowrap">
              {workflow.tags.map((tag) => (
                <UnstyledButton key={tag} onClick={() => onTag(tag)} aria-label={`Show workflows tagged ${tag}`}>
                  <Badge variant="light" color="gray" tt="none" style={{ cursor: 'pointer' }}>
                    {tag}
                  </Badge>
                </UnstyledButton>
              ))}
            </Group>
          </Table.Td>
          <Table.Td>
            <Badge variant="dot" color={workflow.active ? 'green' : 'gray'}>
              {workflow.status}
            </Badge>
          </Table.Td>
          <Table.Td>
            <LastRun run={workflow.lastExecution} />
          </Table.Td>
          <Table.Td>
            <RunHistory workflowId={workflow.id} workflowName={workflow.name} runs={workflow.recentRuns} />
          </Table.Td>
          <Table.Td>
            <Anchor component={Link} to={`/workflows/${workflow.id}/versions`} fz="sm" aria-label={`Version history of ${workflow.name}`}>
              v{workflow.version}
            </Anchor>
          </Table.Td>
          <Table.Td>
            <Text size="sm" title={new Date(workflow.updatedAt).toLocaleString()}>
              {timeAgo(workflow.updatedAt)}
            </Text>
          </Table.Td>
          <Table.Td>
            <RunWorkflowButton workflowId={workflow.id} workflowName={workflow.name} />
          </Table.Td>
        </Table.Tr>
      ))}
    </DataTable>
  );
}

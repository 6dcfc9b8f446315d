import { Badge, Radio, Table, Text } from '@mantine/core';
import { formatDateTime } from '../../../shared/lib/format';
import type { Feedback } from '../../../shared/ui/action-feedback';
import type { WorkflowVersion } from '../api/use-workflow-versions';
import { RestoreVersionButton } from './restore-version-button';
import { DataTable } from '../../../shared/ui/data-table';

export interface VersionsTableProps {
  workflowId: string;
  versions: WorkflowVersion[];
  left: string;
  right: string;
  onPick: (side: 'a' | 'b', versionId: string) => void;
  onFeedback: (feedback: Feedback) => void;
}

const nodeCount = (definition: unknown) => {
  const nodes = (definition as { nodes?: unknown[] } | null)?.nodes;
  return Array.isArray(nodes) ? nodes.length : 0;
};

/** Every version, newest first: pick the two to compare (left, right) and restore an older one. */
export function VersionsTable({ workflowId, versions, left, right, onPick, onFeedback }: VersionsTableProps) {
  return (
    <DataTable minWidth={620} striped columns={['Version', 'Saved', 'Nodes', 'Left', 'Right', 'Restore']}>
      {versions.map((version, index) => (
        <Table.Tr key={version.id}>
          <Table.Td>
            <Text span fw={500}>
              v{version.version}
            </Text>{' '}
            {index === 0 && (
              <Badge size="sm" variant="light">
                current
              </Badge>
            )}
          </Table.Td>
          <Table.Td>{formatDateTime(version.createdAt)}</Table.Td>
          <Table.Td>{nodeCount(version.definition)}</Table.Td>
          <Table.Td>
            <Radio
              name="left-version"
              checked={left === version.id}
              onChange={() => onPick('a', version.id)}
              aria-label={`Compare version ${version.version} on the left`}
            />
          </Table.Td>
          <Table.Td>
            <Radio
              name="right-version"
              checked={right === version.id}
              onChange={() => onPick('b', version.id)}
              aria-label={`Compare version ${version.version} on the right`}
            />
          </Table.Td>
          <Table.Td>{index > 0 && <RestoreVersionButton workflowId={workflowId} version={version} onFeedback={onFeedback} />}</Table.Td>
        </Table.Tr>
      ))}
    </DataTable>
  );
}

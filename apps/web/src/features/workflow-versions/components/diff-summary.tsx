import { Text } from '@mantine/core';
import { useVersionDiff } from '../api/use-version-diff';

const count = (part: unknown, key: string) => {
  const list = (part as Record<string, unknown> | undefined)?.[key];
  return Array.isArray(list) ? list.length : 0;
};

/** The API's structural diff in one sentence: nodes and edges added, removed, changed. */
export function DiffSummary({ workflowId, a, b }: { workflowId: string; a: string; b: string }) {
  const diff = useVersionDiff(workflowId, a, b);
  if (!diff.data) return null;
  const { nodes, edges } = diff.data;
  return (
    <Text size="sm" data-testid="diff-summary">
      Nodes: {count(nodes, 'added')} added, {count(nodes, 'removed')} removed, {count(nodes, 'changed')} changed · Edges:{' '}
      {count(edges, 'added')} added, {count(edges, 'removed')} removed
    </Text>
  );
}

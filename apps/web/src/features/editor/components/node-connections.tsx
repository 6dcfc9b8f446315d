import { ActionIcon, Button, Group, NativeSelect, Stack, Text } from '@mantine/core';
import { useState, type Dispatch } from 'react';
import { edgeKey, type WorkflowDefinition, type WorkflowNode } from '../model/definition';
import type { EditorAction } from '../model/editor-history';

export interface NodeConnectionsProps {
  node: WorkflowNode;
  branches: string[] | null;
  definition: WorkflowDefinition;
  isTrigger(type: string): boolean;
  dispatch: Dispatch<EditorAction>;
}

/** The node's outgoing edges, and a way to add one without dragging (keyboard users). */
export function NodeConnections({ node, branches, definition, isTrigger, dispatch }: NodeConnectionsProps) {
  const [target, setTarget] = useState('');
  const [when, setWhen] = useState(branches?.[0] ?? '');
  const outgoing = definition.edges.filter((e) => e.from === node.id);
  const targets = definition.nodes.filter((n) => n.id !== node.id && !isTrigger(n.type)).map((n) => n.id);
  const connect = () => {
    if (!target) return;
    dispatch({ type: 'connect', edge: { from: node.id, to: target, ...(branches && when ? { when } : {}) } });
    setTarget('');
  };
  return (
    <Stack gap={6} component="section" aria-label="Outgoing edges">
      <Text size="sm" fw={500}>
        Outgoing edges
      </Text>
      {outgoing.length === 0 && <Text size="sm">None yet.</Text>}
      {outgoing.map((edge) => (
        <Group key={edgeKey(edge)} gap="xs" justify="space-between" wrap="nowrap">
          <Text size="sm">
            → {edge.to}
            {edge.when !== undefined && ` (when ${edge.when})`}
          </Text>
          <ActionIcon
            variant="default"
            size="sm"
            aria-label={`Remove the edge to ${edge.to}${edge.when !== undefined ? ` when ${edge.when}` : ''}`}
            onClick={() => dispatch({ type: 'remove', nodeIds: [], edgeKeys: [edgeKey(edge)] })}
          >
            ✕
          </ActionIcon>
        </Group>
      ))}
      {targets.length > 0 && (
        <Group gap="xs" align="end" wrap="wrap">
          <NativeSelect
            label="Connect to"
            data={[{ value: '', label: 'Choose a node' }, ...targets]}
            value={target}
            onChange={(e) => setTarget(e.currentTarget.value)}
            style={{ flex: 1, minWidth: 120 }}
          />
          {branches && <NativeSelect label="When" data={branches} value={when} onChange={(e) => setWhen(e.currentTarget.value)} w={110} />}
          <Button variant="default" onClick={connect} disabled={!target}>
            Connect
          </Button>
        </Group>
      )}
    </Stack>
  );
}

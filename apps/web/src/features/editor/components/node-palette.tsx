import { Stack, Text, TextInput, Title, UnstyledButton } from '@mantine/core';
import { memo, useMemo, useState, type DragEvent } from 'react';
import type { NodeTypeInfo } from '../model/definition';
import { NODE_TYPE_DRAG_FORMAT } from './editor-canvas';

const GROUP_TITLES: Record<string, string> = {
  trigger: 'Triggers',
  logic: 'Logic',
  flow: 'Flow',
  data: 'Data',
  http: 'HTTP',
  email: 'Email',
  db: 'Database',
  code: 'Code',
  workflow: 'Workflows',
};

export interface NodePaletteProps {
  nodeTypes: NodeTypeInfo[];
  onAdd(type: string): void;
}

/** The node types from GET /node-types, searchable and grouped; click (or Enter) adds one, or drag it onto the canvas. */
export const NodePalette = memo(function NodePalette({ nodeTypes, onAdd }: NodePaletteProps) {
  const [search, setSearch] = useState('');
  const groups = useMemo(() => {
    const needle = search.trim().toLowerCase();
    const matching = nodeTypes.filter(
      (t) => !needle || t.type.toLowerCase().includes(needle) || t.description.toLowerCase().includes(needle),
    );
    const byGroup = new Map<string, NodeTypeInfo[]>();
    for (const t of matching) {
      const group = t.trigger ? 'trigger' : t.type.split('.')[0];
      byGroup.set(group, [...(byGroup.get(group) ?? []), t]);
    }
    return [...byGroup].sort(([a], [b]) => (a === 'trigger' ? -1 : b === 'trigger' ? 1 : a.localeCompare(b)));
  }, [nodeTypes, search]);
  const onDragStart = (event: DragEvent, type: string) => {
    event.dataTransfer.setData(NODE_TYPE_DRAG_FORMAT, type);
    event.dataTransfer.effectAllowed = 'copy';
  };
  return (
    <Stack gap="xs" component="section" aria-label="Node palette">
      <TextInput
        label="Add a node"
        placeholder="Search node types"
        type="search"
        value={search}
        onChange={(e) => setSearch(e.currentTarget.value)}
      />
      {groups.length === 0 && <Text size="sm">No node type matches.</Text>}
      {groups.map(([group, types]) => (
        <Stack key={group} gap={4}>
          <Title order={3} size="h6" tt="uppercase">
            {GROUP_TITLES[group] ?? group}
          </Title>
          {types.map((t) => (
            <UnstyledButton
              key={t.type}
              className="wf-palette-item"
              onClick={() => onAdd(t.type)}
              draggable
              onDragStart={(event) => onDragStart(event, t.type)}
              title={t.description}
              aria-label={`Add ${t.type}`}
            >
              <Text size="sm" fw={500}>
                {t.type}
              </Text>
              <Text size="xs" className="wf-muted" lineClamp={2}>
                {t.description}
              </Text>
            </UnstyledButton>
          ))}
        </Stack>
      ))}
    </Stack>
  );
});

import { Anchor, Badge, Button, Group, Switch, Text } from '@mantine/core';
import { Link } from 'react-router';

export interface EditorToolbarProps {
  workflowId?: string;
  version?: number;
  dirty: boolean;
  canUndo: boolean;
  canRedo: boolean;
  saving: boolean;
  active: boolean;
  activating: boolean;
  onUndo(): void;
  onRedo(): void;
  onLayout(): void;
  onImport(): void;
  onExport(): void;
  onSave(): void;
  onActiveChange(active: boolean): void;
}

export function EditorToolbar(props: EditorToolbarProps) {
  const { workflowId, version, dirty, canUndo, canRedo, saving, active, activating } = props;
  return (
    <Group gap="xs" justify="space-between" wrap="wrap" component="section" aria-label="Editor actions">
      <Group gap="xs" wrap="wrap">
        <Button variant="default" size="xs" onClick={props.onUndo} disabled={!canUndo} aria-keyshortcuts="Control+Z">
          Undo
        </Button>
        <Button variant="default" size="xs" onClick={props.onRedo} disabled={!canRedo} aria-keyshortcuts="Control+Shift+Z Control+Y">
          Redo
        </Button>
        <Button variant="default" size="xs" onClick={props.onLayout}>
          Auto layout
        </Button>
        <Button variant="default" size="xs" onClick={props.onImport}>
          Import
        </Button>
        <Button variant="default" size="xs" onClick={props.onExport}>
          Export
        </Button>
        {workflowId && (
          <Anchor component={Link} to={`/workflows/${workflowId}/versions`} size="sm">
            Versions
          </Anchor>
        )}
      </Group>
      <Group gap="sm" wrap="wrap">
        {version !== undefined && <Text size="sm">Version {version}</Text>}
        {dirty ? (
          <Badge color="yellow" variant="light" c="var(--mantine-color-text)">
            Unsaved changes
          </Badge>
        ) : (
          workflowId && (
            <Badge color="green" variant="light" c="var(--mantine-color-text)">
              Saved
            </Badge>
          )
        )}
        <Switch
          label="Active"
          checked={active}
          disabled={!workflowId || activating}
          onChange={(e) => props.onActiveChange(e.currentTarget.checked)}
          description={!workflowId ? 'Save first' : undefined}
        />
        <Button onClick={props.onSave} loading={saving} disabled={!dirty && Boolean(workflowId)}>
          Save
        </Button>
      </Group>
    </Group>
  );
}

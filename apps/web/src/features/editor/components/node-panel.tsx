import { Alert, Button, Group, List, NumberInput, Stack, Text, TextInput, Title } from '@mantine/core';
import type { Dispatch } from 'react';
import { JsonView } from '../../../shared/ui/json-view';
import { branchesOf, type NodeTypeInfo, type WorkflowDefinition, type WorkflowNode } from '../model/definition';
import type { EditorAction } from '../model/editor-history';
import type { StepView } from '../model/to-flow';
import { NodeConnections } from './node-connections';
import { NodeIdInput } from './node-id-input';
import { ParamsForm } from './params-form';
import { formatDuration } from './step-status';

export interface NodePanelProps {
  node: WorkflowNode;
  definition: WorkflowDefinition;
  isTrigger(type: string): boolean;
  nodeType: NodeTypeInfo | undefined;
  problems: string[] | undefined;
  step: StepView | undefined;
  sample: unknown;
  isIdTaken(id: string): boolean;
  dispatch: Dispatch<EditorAction>;
  onRenamed(to: string): void;
}

const optionalInt = (value: string | number) => (value === '' ? undefined : Number(value));

/** The selected node (keyed by its id by the caller, so local field state starts afresh per node): id and name, its params form, retries and time limit, and what the last test run did with it. */
export function NodePanel({
  node,
  definition,
  isTrigger,
  nodeType,
  problems,
  step,
  sample,
  isIdTaken,
  dispatch,
  onRenamed,
}: NodePanelProps) {
  const update = (patch: Partial<WorkflowNode>, field: string) =>
    dispatch({ type: 'updateNode', id: node.id, patch, coalesceKey: `${node.id}:${field}` });
  return (
    <Stack gap="sm" component="section" aria-label={`Node ${node.id}`}>
      <Title order={2} size="h4">
        {node.name || node.id}
      </Title>
      <Text size="sm">
        <b>{node.type}</b> {nodeType?.description}
      </Text>
      {problems && (
        <Alert color="red" variant="light" title="Problems" role="alert">
          <List size="sm">
            {problems.map((p) => (
              <List.Item key={p}>{p}</List.Item>
            ))}
          </List>
        </Alert>
      )}
      {step && (
        <Stack gap={4} aria-label="Test run step">
          <Text size="sm" fw={600}>
            Test run: {step.status}
            {step.durationMs != null && ` · ${formatDuration(step.durationMs)}`}
            {step.attempts != null && step.attempts > 1 && ` · ${step.attempts} attempts`}
          </Text>
          <JsonView label="Input" value={step.input} />
          <JsonView label="Output" value={step.output} />
          {step.error != null && <JsonView label="Error" value={step.error} />}
        </Stack>
      )}
      <NodeIdInput
        id={node.id}
        taken={isIdTaken}
        onRename={(to) => {
          dispatch({ type: 'renameNode', from: node.id, to });
          onRenamed(to);
        }}
      />
      <TextInput label="Name" value={node.name ?? ''} onChange={(e) => update({ name: e.currentTarget.value || undefined }, 'name')} />
      {nodeType ? (
        <ParamsForm nodeType={nodeType} params={node.params} sample={sample} onChange={(params) => update({ params }, 'params')} />
      ) : (
        <Text size="sm">Unknown node type: its params cannot be edited here.</Text>
      )}
      <Group grow align="start">
        <NumberInput
          label="Retries"
          min={0}
          max={10}
          value={node.retries ?? ''}
          onChange={(v) => update({ retries: optionalInt(v) }, 'retries')}
        />
        <NumberInput
          label="Timeout (ms)"
          min={10}
          max={3_600_000}
          step={1000}
          value={node.timeoutMs ?? ''}
          onChange={(v) => update({ timeoutMs: optionalInt(v) }, 'timeoutMs')}
        />
      </Group>
      <NumberInput
        label="Retry backoff (ms)"
        min={10}
        max={600_000}
        value={node.retryBackoffMs ?? ''}
        onChange={(v) => update({ retryBackoffMs: optionalInt(v) }, 'retryBackoffMs')}
      />
      <NodeConnections node={node} branches={branchesOf(node)} definition={definition} isTrigger={isTrigger} dispatch={dispatch} />
      <Group>
        <Button color="red" variant="light" onClick={() => dispatch({ type: 'remove', nodeIds: [node.id], edgeKeys: [] })}>
          Delete node
        </Button>
      </Group>
    </Stack>
  );
}

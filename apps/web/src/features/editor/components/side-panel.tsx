import { Card, Stack, Text, Textarea } from '@mantine/core';
import type { Dispatch } from 'react';
import { branchesOf, edgeKey, type NodeTypeInfo, type WorkflowDefinition } from '../model/definition';
import type { EditorAction } from '../model/editor-history';
import { edgePairKey, type PlacedProblems } from '../model/problems';
import type { StepView } from '../model/to-flow';
import type { CanvasSelection } from './editor-canvas';
import { EdgePanel } from './edge-panel';
import { NodePanel } from './node-panel';
import { WebhookDetails } from './webhook-details';

export interface SidePanelProps {
  selection: CanvasSelection;
  definition: WorkflowDefinition;
  nodeTypes: Map<string, NodeTypeInfo>;
  problems: PlacedProblems;
  steps: Record<string, StepView>;
  sample: unknown;
  description: string;
  onDescriptionChange(description: string): void;
  /** The saved workflow whose webhook to show (absent before the first save or without a webhook trigger). */
  webhookWorkflowId?: string;
  dispatch: Dispatch<EditorAction>;
  onSelectNode(nodeId: string): void;
}

/** The selected node or edge; with nothing selected, the workflow's description and webhook. */
export function SidePanel(props: SidePanelProps) {
  const { selection, definition, nodeTypes, problems, dispatch } = props;
  const node = selection.nodeId ? definition.nodes.find((n) => n.id === selection.nodeId) : undefined;
  const edge = selection.edgeId ? definition.edges.find((e) => edgeKey(e) === selection.edgeId) : undefined;
  const isTrigger = (type: string) => Boolean(nodeTypes.get(type)?.trigger);
  return (
    <Card withBorder padding="sm">
      {node ? (
        <NodePanel
          key={node.id}
          node={node}
          definition={definition}
          isTrigger={isTrigger}
          nodeType={nodeTypes.get(node.type)}
          problems={problems.byNode.get(node.id)}
          step={props.steps[node.id]}
          sample={props.sample}
          isIdTaken={(id) => definition.nodes.some((n) => n.id === id)}
          dispatch={dispatch}
          onRenamed={props.onSelectNode}
        />
      ) : edge ? (
        <EdgePanel
          edge={edge}
          branches={branchesOf(definition.nodes.find((n) => n.id === edge.from))}
          problems={problems.byEdge.get(edgePairKey(edge))}
          dispatch={dispatch}
        />
      ) : (
        <Stack gap="sm">
          <Textarea
            label="Description"
            value={props.description}
            onChange={(e) => props.onDescriptionChange(e.currentTarget.value)}
            autosize
            minRows={2}
            maxLength={2000}
          />
          {props.webhookWorkflowId && <WebhookDetails workflowId={props.webhookWorkflowId} />}
          <Text size="sm">Select a node or an edge to edit it. Delete removes the selection; drag from a handle to connect.</Text>
        </Stack>
      )}
    </Card>
  );
}

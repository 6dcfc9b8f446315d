import '@xyflow/react/dist/style.css';
import './editor.css';
import { useComputedColorScheme } from '@mantine/core';
import {
  applyEdgeChanges,
  applyNodeChanges,
  Background,
  Controls,
  MiniMap,
  ReactFlow,
  useReactFlow,
  type Connection,
  type EdgeChange,
  type NodeChange,
  type OnBeforeDelete,
  type OnSelectionChangeParams,
} from '@xyflow/react';
import { useCallback, useState, type Dispatch, type DragEvent } from 'react';
import type { WorkflowDefinition, XY } from '../model/definition';
import type { EditorAction } from '../model/editor-history';
import { toFlowEdges, toFlowNodes, type FlowDecorations, type WorkflowFlowEdge, type WorkflowFlowNode } from '../model/to-flow';
import { EdgeWhenContext, WhenEdge } from './when-edge';
import { WorkflowNodeView } from './workflow-node-view';

// Static, so React Flow never remounts the node and edge components.
const NODE_TYPES = { workflow: WorkflowNodeView };
const EDGE_TYPES = { when: WhenEdge };
const DELETE_KEYS = ['Delete', 'Backspace'];
export const NODE_TYPE_DRAG_FORMAT = 'application/x-workflow-node-type';

export interface CanvasSelection {
  nodeId?: string;
  edgeId?: string;
}

export interface EditorCanvasProps {
  definition: WorkflowDefinition;
  decorations: FlowDecorations;
  dispatch: Dispatch<EditorAction>;
  onSelectionChange(selection: CanvasSelection): void;
  onDropNodeType(type: string, position: XY): void;
}

/**
 * The DAG on a React Flow canvas. The definition is the model: nodes and edges are derived from it;
 * only drag positions, sizes and selection live in React Flow's state between two commands.
 */
export function EditorCanvas({ definition, decorations, dispatch, onSelectionChange, onDropNodeType }: EditorCanvasProps) {
  const colorScheme = useComputedColorScheme('light');
  const { screenToFlowPosition } = useReactFlow();
  const [flow, setFlow] = useState(() => ({
    definition,
    decorations,
    nodes: toFlowNodes(definition, decorations),
    edges: toFlowEdges(definition, decorations.problems),
  }));
  // Derived during render (not in an effect), so the canvas never shows a stale definition for a frame.
  if (flow.definition !== definition || flow.decorations !== decorations) {
    setFlow({
      definition,
      decorations,
      nodes: toFlowNodes(definition, decorations, flow.nodes),
      edges: toFlowEdges(definition, decorations.problems, flow.edges),
    });
  }

  const onNodesChange = useCallback(
    (changes: NodeChange<WorkflowFlowNode>[]) => {
      const kept = changes.filter((c) => c.type === 'position' || c.type === 'dimensions' || c.type === 'select');
      setFlow((current) => ({ ...current, nodes: applyNodeChanges(kept, current.nodes) }));
      // A drag (or an arrow-key move) that ended is one command: one undo step, not one per frame.
      const moved: Record<string, XY> = {};
      for (const change of changes)
        if (change.type === 'position' && change.position && !change.dragging) moved[change.id] = change.position;
      if (Object.keys(moved).length) dispatch({ type: 'moveNodes', positions: moved });
    },
    [dispatch],
  );
  const onEdgesChange = useCallback((changes: EdgeChange<WorkflowFlowEdge>[]) => {
    const kept = changes.filter((c) => c.type === 'select');
    setFlow((current) => ({ ...current, edges: applyEdgeChanges(kept, current.edges) }));
  }, []);

  // Deleting (Delete key) is a command too; React Flow's own removal is refused.
  const onBeforeDelete: OnBeforeDelete<WorkflowFlowNode, WorkflowFlowEdge> = useCallback(
    async ({ nodes, edges }) => {
      dispatch({ type: 'remove', nodeIds: nodes.map((n) => n.id), edgeKeys: edges.map((e) => e.id) });
      return false;
    },
    [dispatch],
  );
  const onConnect = useCallback(
    (connection: Connection) =>
      dispatch({
        type: 'connect',
        edge: { from: connection.source, to: connection.target, ...(connection.sourceHandle ? { when: connection.sourceHandle } : {}) },
      }),
    [dispatch],
  );
  const isValidConnection = useCallback((c: Connection | WorkflowFlowEdge) => c.source !== c.target, []);
  const setEdgeWhen = useCallback((key: string, when: string) => dispatch({ type: 'setEdgeWhen', key, when }), [dispatch]);
  const onSelection = useCallback(
    ({ nodes, edges }: OnSelectionChangeParams<WorkflowFlowNode, WorkflowFlowEdge>) =>
      onSelectionChange({ nodeId: nodes[0]?.id, edgeId: nodes.length ? undefined : edges[0]?.id }),
    [onSelectionChange],
  );
  const onDragOver = useCallback((event: DragEvent) => {
    if (!event.dataTransfer.types.includes(NODE_TYPE_DRAG_FORMAT)) return;
    event.preventDefault();
    event.dataTransfer.dropEffect = 'copy';
  }, []);
  const onDrop = useCallback(
    (event: DragEvent) => {
      const type = event.dataTransfer.getData(NODE_TYPE_DRAG_FORMAT);
      if (!type) return;
      event.preventDefault();
      onDropNodeType(type, screenToFlowPosition({ x: event.clientX, y: event.clientY }));
    },
    [onDropNodeType, screenToFlowPosition],
  );

  return (
    <EdgeWhenContext.Provider value={setEdgeWhen}>
      <div className="wf-canvas" data-testid="editor-canvas" onDragOver={onDragOver} onDrop={onDrop}>
        <ReactFlow<WorkflowFlowNode, WorkflowFlowEdge>
          nodes={flow.nodes}
          edges={flow.edges}
          nodeTypes={NODE_TYPES}
          edgeTypes={EDGE_TYPES}
          onNodesChange={onNodesChange}
          onEdgesChange={onEdgesChange}
          onBeforeDelete={onBeforeDelete}
          onConnect={onConnect}
          isValidConnection={isValidConnection}
          onSelectionChange={onSelection}
          deleteKeyCode={DELETE_KEYS}
          colorMode={colorScheme}
          fitView
          fitViewOptions={{ maxZoom: 1.2 }}
          minZoom={0.1}
          aria-label="Workflow canvas"
        >
          <Background gap={16} />
          <Controls showInteractive={false} />
          <MiniMap pannable zoomable ariaLabel="Canvas overview" style={{ width: 140, height: 90 }} />
        </ReactFlow>
      </div>
    </EdgeWhenContext.Provider>
  );
}

import { useReactFlow } from '@xyflow/react';
import { useCallback, type Dispatch } from 'react';
import { NODE_HEIGHT, NODE_WIDTH } from '../model/auto-layout';
import { freshNodeId, type NodeTypeInfo, type WorkflowDefinition, type XY } from '../model/definition';
import type { EditorAction } from '../model/editor-history';
import { defaultParams } from '../model/params-ui-schema';

const GAP = 40;

/**
 * Adds a node of a type at a point (a drop) or, from a click, right of the selected node (else in the
 * middle of the visible canvas), never on top of another; returns its id.
 */
export function useAddNode(
  definition: WorkflowDefinition,
  nodeTypes: Map<string, NodeTypeInfo>,
  dispatch: Dispatch<EditorAction>,
  selectedNodeId: string | undefined,
) {
  const { screenToFlowPosition } = useReactFlow();
  return useCallback(
    (type: string, at?: XY): string => {
      const id = freshNodeId(
        type,
        definition.nodes.map((n) => n.id),
      );
      const selected = definition.nodes.find((n) => n.id === selectedNodeId)?.position;
      const wanted = at ?? (selected ? { x: selected.x + NODE_WIDTH + 2 * GAP, y: selected.y } : visibleCenter(screenToFlowPosition));
      const params = defaultParams(nodeTypes.get(type)?.paramsSchema ?? {});
      dispatch({ type: 'addNode', node: { id, type, params, position: freePosition(wanted, definition) } });
      return id;
    },
    [definition, nodeTypes, dispatch, screenToFlowPosition, selectedNodeId],
  );
}

function visibleCenter(screenToFlowPosition: (p: XY) => XY): XY {
  const canvas = document.querySelector('[data-testid="editor-canvas"]')?.getBoundingClientRect();
  if (!canvas) return { x: 0, y: 0 };
  const center = screenToFlowPosition({ x: canvas.left + canvas.width / 2, y: canvas.top + canvas.height / 2 });
  return { x: center.x - NODE_WIDTH / 2, y: center.y - NODE_HEIGHT / 2 };
}

/** The point, moved down until no node overlaps it (repeated clicks do not stack nodes). */
function freePosition(point: XY, definition: WorkflowDefinition): XY {
  const overlaps = (p: XY) =>
    definition.nodes.some(
      (n) => n.position && Math.abs(n.position.x - p.x) < NODE_WIDTH + GAP / 2 && Math.abs(n.position.y - p.y) < NODE_HEIGHT + GAP / 2,
    );
  let p = { x: Math.round(point.x), y: Math.round(point.y) };
  for (let i = 0; i < 100 && overlaps(p); i++) p = { ...p, y: p.y + NODE_HEIGHT + GAP };
  return p;
}

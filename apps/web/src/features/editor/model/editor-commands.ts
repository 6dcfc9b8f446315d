import { edgeKey, type WorkflowDefinition, type WorkflowEdge, type WorkflowNode, type XY } from './definition';

/** Every change to the definition is one of these (so undo, redo and the canvas all go through one place). */
export type EditorCommand =
  | { type: 'replace'; definition: WorkflowDefinition }
  | { type: 'addNode'; node: WorkflowNode }
  | { type: 'moveNodes'; positions: Record<string, XY> }
  | { type: 'remove'; nodeIds: string[]; edgeKeys: string[] }
  | { type: 'connect'; edge: WorkflowEdge }
  | { type: 'setEdgeWhen'; key: string; when: string | undefined }
  | { type: 'updateNode'; id: string; patch: Partial<Omit<WorkflowNode, 'id'>>; coalesceKey?: string }
  | { type: 'renameNode'; from: string; to: string };

/**
 * The definition after the command. Untouched nodes and edges keep their identity, so the canvas
 * re-renders only what changed and undo snapshots share everything else.
 */
export function applyCommand(definition: WorkflowDefinition, command: EditorCommand): WorkflowDefinition {
  switch (command.type) {
    case 'replace':
      return command.definition;
    case 'addNode':
      return { ...definition, nodes: [...definition.nodes, command.node] };
    case 'moveNodes':
      return {
        ...definition,
        nodes: definition.nodes.map((n) => {
          const to = command.positions[n.id];
          return to && (n.position?.x !== to.x || n.position?.y !== to.y) ? { ...n, position: roundXY(to) } : n;
        }),
      };
    case 'remove': {
      const nodeIds = new Set(command.nodeIds);
      const edgeKeys = new Set(command.edgeKeys);
      return {
        nodes: definition.nodes.filter((n) => !nodeIds.has(n.id)),
        edges: definition.edges.filter((e) => !edgeKeys.has(edgeKey(e)) && !nodeIds.has(e.from) && !nodeIds.has(e.to)),
      };
    }
    case 'connect': {
      const key = edgeKey(command.edge);
      if (command.edge.from === command.edge.to || definition.edges.some((e) => edgeKey(e) === key)) return definition;
      return { ...definition, edges: [...definition.edges, command.edge] };
    }
    case 'setEdgeWhen':
      return {
        ...definition,
        edges: definition.edges.map((e) => (edgeKey(e) === command.key ? withWhen(e, command.when) : e)),
      };
    case 'updateNode':
      return {
        ...definition,
        nodes: definition.nodes.map((n) => (n.id === command.id ? withoutUndefined({ ...n, ...command.patch }) : n)),
      };
    case 'renameNode':
      return renameNode(definition, command.from, command.to);
  }
}

function renameNode(definition: WorkflowDefinition, from: string, to: string): WorkflowDefinition {
  if (from === to || definition.nodes.some((n) => n.id === to)) return definition;
  return {
    nodes: definition.nodes.map((n) => (n.id === from ? { ...n, id: to } : n)),
    edges: definition.edges.map((e) =>
      e.from === from || e.to === from ? { ...e, from: e.from === from ? to : e.from, to: e.to === from ? to : e.to } : e,
    ),
  };
}

function withWhen(edge: WorkflowEdge, when: string | undefined): WorkflowEdge {
  const { when: _previous, ...rest } = edge;
  return when === undefined ? rest : { ...rest, when };
}

/** Optional fields cleared in a form are left out, not sent as undefined or null. */
function withoutUndefined(node: WorkflowNode): WorkflowNode {
  return Object.fromEntries(Object.entries(node).filter(([, v]) => v !== undefined && v !== null)) as unknown as WorkflowNode;
}

function roundXY({ x, y }: XY): XY {
  return { x: Math.round(x), y: Math.round(y) };
}

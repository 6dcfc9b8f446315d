import dagre from '@dagrejs/dagre';
import type { WorkflowDefinition, XY } from './definition';

export const NODE_WIDTH = 200;
export const NODE_HEIGHT = 64;

/** Left-to-right layered positions for every node (dagre), top-left corners as React Flow wants them. */
export function autoLayout(definition: WorkflowDefinition): Record<string, XY> {
  const graph = new dagre.graphlib.Graph();
  graph.setGraph({ rankdir: 'LR', nodesep: 40, ranksep: 80, marginx: 20, marginy: 20 });
  graph.setDefaultEdgeLabel(() => ({}));
  for (const node of definition.nodes) graph.setNode(node.id, { width: NODE_WIDTH, height: NODE_HEIGHT });
  for (const edge of definition.edges) if (graph.hasNode(edge.from) && graph.hasNode(edge.to)) graph.setEdge(edge.from, edge.to);
  dagre.layout(graph);
  const positions: Record<string, XY> = {};
  for (const node of definition.nodes) {
    const { x, y } = graph.node(node.id);
    positions[node.id] = { x: Math.round(x - NODE_WIDTH / 2), y: Math.round(y - NODE_HEIGHT / 2) };
  }
  return positions;
}

/** The definition with every node placed: kept as is when all have positions, else laid out from scratch. */
export function withPositions(definition: WorkflowDefinition): WorkflowDefinition {
  if (definition.nodes.every((n) => n.position)) return definition;
  const positions = autoLayout(definition);
  return { ...definition, nodes: definition.nodes.map((n) => (n.position ? n : { ...n, position: positions[n.id] })) };
}

import type { Edge, Node } from '@xyflow/react';
import { branchesOf, edgeKey, type NodeTypeInfo, type WorkflowDefinition, type WorkflowEdge, type WorkflowNode } from './definition';
import { edgePairKey, type PlacedProblems } from './problems';

/** What a test run reports per node (structurally the TestRunPanel's TestRunStep). */
export interface StepView {
  status: string;
  durationMs?: number;
  attempts?: number;
  input?: unknown;
  output?: unknown;
  error?: unknown;
}

export interface WorkflowNodeData extends Record<string, unknown> {
  node: WorkflowNode;
  trigger: boolean;
  /** Source handles, one per `when` value (logic.if, logic.switch); null: one plain handle. */
  branches: string[] | null;
  problems?: string[];
  step?: StepView;
}

export interface WhenEdgeData extends Record<string, unknown> {
  edge: WorkflowEdge;
  /** The values `when` may take (from the source node), null when the edge carries none. */
  branches: string[] | null;
  problems?: string[];
}

export type WorkflowFlowNode = Node<WorkflowNodeData, 'workflow'>;
export type WorkflowFlowEdge = Edge<WhenEdgeData, 'when'>;

export interface FlowDecorations {
  nodeTypes: Map<string, NodeTypeInfo>;
  problems: PlacedProblems;
  steps: Record<string, StepView>;
}

/**
 * The canvas for a definition: React Flow nodes and edges. Pure; given the previous nodes it keeps
 * each unchanged node object (and its selection and measured size), so React Flow re-renders only
 * the nodes that changed.
 */
export function toFlowNodes(
  definition: WorkflowDefinition,
  decorations: FlowDecorations,
  previous: readonly WorkflowFlowNode[] = [],
): WorkflowFlowNode[] {
  const before = new Map(previous.map((n) => [n.id, n]));
  return definition.nodes.map((node) => {
    const old = before.get(node.id);
    const data: WorkflowNodeData = {
      node,
      trigger: Boolean(decorations.nodeTypes.get(node.type)?.trigger),
      branches: branchesOf(node),
      problems: decorations.problems.byNode.get(node.id),
      step: decorations.steps[node.id],
    };
    const position = node.position ?? { x: 0, y: 0 };
    if (old && sameNodeData(old.data, data) && old.position.x === position.x && old.position.y === position.y) return old;
    return { ...old, id: node.id, type: 'workflow', position, data };
  });
}

export function toFlowEdges(
  definition: WorkflowDefinition,
  problems: PlacedProblems,
  previous: readonly WorkflowFlowEdge[] = [],
): WorkflowFlowEdge[] {
  const before = new Map(previous.map((e) => [e.id, e]));
  const sources = new Map(definition.nodes.map((n) => [n.id, n]));
  return definition.edges.map((edge) => {
    const id = edgeKey(edge);
    const old = before.get(id);
    const branches = branchesOf(sources.get(edge.from));
    const edgeProblems = problems.byEdge.get(edgePairKey(edge));
    if (old && old.data?.edge === edge && sameList(old.data.branches, branches) && old.data.problems === edgeProblems) return old;
    return {
      ...old,
      id,
      type: 'when',
      source: edge.from,
      target: edge.to,
      // An edge whose `when` is missing or unknown hangs on the first branch, drawn as a problem until it is chosen.
      sourceHandle: branches ? (edge.when !== undefined && branches.includes(edge.when) ? edge.when : branches[0]) : null,
      data: { edge, branches, problems: edgeProblems },
    };
  });
}

function sameNodeData(a: WorkflowNodeData, b: WorkflowNodeData): boolean {
  return a.node === b.node && a.trigger === b.trigger && sameList(a.branches, b.branches) && a.problems === b.problems && a.step === b.step;
}

function sameList(a: string[] | null, b: string[] | null): boolean {
  if (a === b) return true;
  if (!a || !b || a.length !== b.length) return false;
  return a.every((v, i) => v === b[i]);
}

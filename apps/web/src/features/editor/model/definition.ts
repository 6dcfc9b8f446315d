import type { components } from '../../../api/schema';

export type WorkflowDefinition = components['schemas']['WorkflowDefinitionDto'];
export type WorkflowNode = components['schemas']['WorkflowNodeDto'];
export type WorkflowEdge = components['schemas']['WorkflowEdgeDto'];
export type NodeTypeInfo = components['schemas']['NodeTypeDto'];
export type XY = { x: number; y: number };

export const EMPTY_DEFINITION: WorkflowDefinition = { nodes: [], edges: [] };

/** One key per edge: the API allows the same pair twice when `when` differs (logic.switch cases). */
export function edgeKey(edge: { from: string; to: string; when?: string }): string {
  return `${edge.from}->${edge.to}:${edge.when ?? ''}`;
}

/** The definition from a workflow response or an imported file, or null when it does not look like one. */
export function asDefinition(value: unknown): WorkflowDefinition | null {
  const candidate = value as Partial<WorkflowDefinition> | null;
  if (!candidate || !Array.isArray(candidate.nodes) || !Array.isArray(candidate.edges)) return null;
  const nodesOk = candidate.nodes.every((n) => n && typeof n.id === 'string' && typeof n.type === 'string');
  const edgesOk = candidate.edges.every((e) => e && typeof e.from === 'string' && typeof e.to === 'string');
  if (!nodesOk || !edgesOk) return null;
  return {
    nodes: candidate.nodes.map((n) => ({ ...n, params: n.params && typeof n.params === 'object' ? n.params : {} })),
    edges: candidate.edges.map((e) => ({ ...e })),
  };
}

/** A fresh id for a node of this type: the type's last segment plus a number ("transform2"). */
export function freshNodeId(type: string, taken: Iterable<string>): string {
  const used = new Set(taken);
  const base = (type.split('.').pop() ?? 'node').replace(/[^A-Za-z0-9_-]/g, '') || 'node';
  const stem = /^[A-Za-z]/.test(base) ? base : `n${base}`;
  if (!used.has(stem)) return stem;
  for (let i = 2; ; i++) if (!used.has(`${stem}${i}`)) return `${stem}${i}`;
}

/** The `when` values an edge out of this node may carry, or null when its edges carry none. */
export function branchesOf(node: WorkflowNode | undefined): string[] | null {
  if (node?.type === 'logic.if') return ['true', 'false'];
  if (node?.type === 'logic.switch') {
    const rules = Array.isArray(node.params.rules) ? (node.params.rules as { case?: unknown }[]) : [];
    const cases = rules.map((r) => r?.case).filter((c): c is string => typeof c === 'string' && c.length > 0);
    return [...new Set(cases), 'default'];
  }
  return null;
}

import { isDeepStrictEqual } from 'node:util';
import { WorkflowDefinition, WorkflowEdge, WorkflowNode } from './workflow-definition';

export interface ValueChange {
  from: unknown;
  to: unknown;
}

export interface NodeChange {
  id: string;
  /** Changed node fields other than params (type, name, retries, …). */
  fields: Record<string, ValueChange>;
  /** Changed params, by top-level key. */
  params: Record<string, ValueChange>;
}

export interface DefinitionDiff {
  nodes: { added: WorkflowNode[]; removed: WorkflowNode[]; changed: NodeChange[] };
  edges: { added: WorkflowEdge[]; removed: WorkflowEdge[] };
}

const edgeKey = (e: WorkflowEdge) => `${e.from}\u0000${e.to}\u0000${e.when ?? ''}`;

function changes(a: Record<string, unknown>, b: Record<string, unknown>): Record<string, ValueChange> {
  const out: Record<string, ValueChange> = {};
  for (const key of new Set([...Object.keys(a), ...Object.keys(b)]))
    if (!isDeepStrictEqual(a[key], b[key])) out[key] = { from: a[key] ?? null, to: b[key] ?? null };
  return out;
}

/** Structural diff from definition `a` to definition `b`: nodes by id, edges by (from, to, when). */
export function diffDefinitions(a: WorkflowDefinition, b: WorkflowDefinition): DefinitionDiff {
  const before = new Map(a.nodes.map((n) => [n.id, n]));
  const after = new Map(b.nodes.map((n) => [n.id, n]));
  const changed: NodeChange[] = [];
  for (const [id, node] of after) {
    const old = before.get(id);
    if (!old) continue;
    const { params: oldParams, ...oldFields } = old;
    const { params: newParams, ...newFields } = node;
    const fields = changes(oldFields, newFields);
    const params = changes(oldParams ?? {}, newParams ?? {});
    if (Object.keys(fields).length || Object.keys(params).length) changed.push({ id, fields, params });
  }
  const edgesBefore = new Set(a.edges.map(edgeKey));
  const edgesAfter = new Set(b.edges.map(edgeKey));
  return {
    nodes: { added: b.nodes.filter((n) => !before.has(n.id)), removed: a.nodes.filter((n) => !after.has(n.id)), changed },
    edges: { added: b.edges.filter((e) => !edgesBefore.has(edgeKey(e))), removed: a.edges.filter((e) => !edgesAfter.has(edgeKey(e))) },
  };
}

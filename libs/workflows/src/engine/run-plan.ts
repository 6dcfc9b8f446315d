import { WorkflowDefinition, WorkflowEdge, WorkflowNode } from '../definition/workflow-definition';

/** A definition prepared for running: nodes in topological order (stable), incoming edges by node. */
export interface RunPlan {
  definition: WorkflowDefinition;
  order: WorkflowNode[];
  incoming: Map<string, WorkflowEdge[]>;
  triggerId: string;
  /** Whether a run can pause (flow.delay, flow.waitForCallback): such runs go through the queue. */
  hasDelay: boolean;
  /** Whether a run starts child executions (workflow.call, flow.forEach): they link to a recorded parent, so such runs go through the queue too. */
  callsWorkflows: boolean;
  /** Whether every node is pure (no I/O): running it again changes nothing outside the execution. */
  pure: boolean;
}

/** What a run plan needs to know of a node type. */
export type NodeTraits = (type: string) => { trigger?: boolean; pure?: boolean } | undefined;

const PAUSING_TYPES = ['flow.delay', 'flow.waitForCallback'];
const CALLING_TYPES = ['workflow.call', 'flow.forEach'];

export function buildRunPlan(definition: WorkflowDefinition, traits: NodeTraits): RunPlan {
  const incoming = new Map(definition.nodes.map((n) => [n.id, [] as WorkflowEdge[]]));
  const indegree = new Map(definition.nodes.map((n) => [n.id, 0]));
  for (const edge of definition.edges) {
    incoming.get(edge.to)?.push(edge);
    indegree.set(edge.to, (indegree.get(edge.to) ?? 0) + 1);
  }
  const byId = new Map(definition.nodes.map((n) => [n.id, n]));
  const ready = definition.nodes.filter((n) => indegree.get(n.id) === 0);
  const order: WorkflowNode[] = [];
  while (ready.length) {
    const node = ready.shift()!;
    order.push(node);
    for (const edge of definition.edges.filter((e) => e.from === node.id)) {
      indegree.set(edge.to, indegree.get(edge.to)! - 1);
      if (indegree.get(edge.to) === 0) ready.push(byId.get(edge.to)!);
    }
  }
  const trigger = definition.nodes.find((n) => traits(n.type)?.trigger);
  if (!trigger || order.length !== definition.nodes.length) throw new Error('Definition is not a valid DAG with one trigger');
  return {
    definition,
    order,
    incoming,
    triggerId: trigger.id,
    hasDelay: definition.nodes.some((n) => PAUSING_TYPES.includes(n.type)),
    callsWorkflows: definition.nodes.some((n) => CALLING_TYPES.includes(n.type)),
    pure: definition.nodes.every((n) => traits(n.type)?.pure),
  };
}

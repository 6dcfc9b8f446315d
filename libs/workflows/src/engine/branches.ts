import { WorkflowEdge } from '../definition/workflow-definition';
import { RunPlan } from './run-plan';

/** The `when` values a finished branching node took, read back from its stored output (a resumed run). */
export function branchesOf(nodeType: string, output: unknown): string[] | undefined {
  if (nodeType === 'logic.if') return [String((output as { result?: boolean })?.result)];
  if (nodeType === 'logic.switch') return (output as { matched?: string[] })?.matched ?? [];
  return undefined;
}

/** Outputs of the parents whose edge was taken, by parent id, in the order they ran. */
export function parentOutputs(plan: RunPlan, taken: WorkflowEdge[], nodes: Record<string, unknown>): Record<string, unknown> {
  const parents = new Set(taken.map((e) => e.from));
  return Object.fromEntries(plan.order.filter((n) => parents.has(n.id)).map((n) => [n.id, nodes[n.id]]));
}

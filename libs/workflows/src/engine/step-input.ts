import { TriggerData, WorkflowNode } from '../definition/workflow-definition';

interface References {
  trigger: boolean;
  nodes: string[];
}

/** Plans are cached, so their nodes are stable objects: each node's params are scanned once. */
const referencesByNode = new WeakMap<WorkflowNode, References>();
const NODE_REFERENCE = /\bnodes\s*(?:\.\s*([A-Za-z_$][\w$-]*)|\[\s*["'`]([^"'`]+)["'`]\s*\])/g;

function references(node: WorkflowNode): References {
  let found = referencesByNode.get(node);
  if (!found) {
    const text = JSON.stringify(node.params ?? {});
    found = { trigger: /\btrigger\b/.test(text), nodes: [...text.matchAll(NODE_REFERENCE)].map((m) => m[1] ?? m[2]) };
    referencesByNode.set(node, found);
  }
  return found;
}

/**
 * The data a node saw: its parents' outputs, plus the trigger data and other earlier outputs its
 * params refer to. Built from references (no copy): the writer serializes it once, when it stores it.
 */
export function stepInput(
  node: WorkflowNode,
  parents: string[],
  scope: { trigger: TriggerData; nodes: Record<string, unknown> },
): { nodes: Record<string, unknown>; trigger?: TriggerData } {
  const refs = references(node);
  const nodes: Record<string, unknown> = {};
  for (const id of [...parents, ...refs.nodes]) if (id in scope.nodes) nodes[id] = scope.nodes[id];
  return refs.trigger ? { nodes, trigger: scope.trigger } : { nodes };
}

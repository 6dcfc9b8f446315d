import { isDeepStrictEqual } from 'node:util';
import { WorkflowDefinition, WorkflowNode } from '@app/workflows';

const incomingOf = (definition: WorkflowDefinition, nodeId: string) =>
  definition.edges
    .filter((e) => e.to === nodeId)
    .map((e) => `${e.from}${e.when ? `:${e.when}` : ''}`)
    .sort();

/** What a node computes from: its type and its params. */
const sameComputation = (a: WorkflowNode, b: WorkflowNode) => a.type === b.type && isDeepStrictEqual(a.params ?? {}, b.params ?? {});

function ancestors(definition: WorkflowDefinition, nodeId: string): Set<string> {
  const found = new Set<string>();
  const pending = [nodeId];
  while (pending.length) {
    const id = pending.pop()!;
    for (const edge of definition.edges) if (edge.to === id && !found.has(edge.from)) pending.push((found.add(edge.from), edge.from));
  }
  return found;
}

export interface ReusePlan {
  /** Succeeded nodes whose outputs stay valid on the latest version. */
  reusable: string[];
  /** Why the retry is refused: the failed node or one of its ancestors changed. Empty when it may go on. */
  problems: string[];
}

/**
 * Which outputs recorded on the original version may be reused on the latest one. A node changed (gone,
 * other type or params, other incoming edges) taints itself and what depends on it: tainted nodes that
 * feed the failed node make the retry unsafe; others simply run again.
 */
export function planReuse(
  original: WorkflowDefinition,
  latest: WorkflowDefinition,
  succeeded: string[],
  failedNodeId: string | null,
): ReusePlan {
  const before = new Map(original.nodes.map((n) => [n.id, n]));
  const after = new Map(latest.nodes.map((n) => [n.id, n]));
  const changes = new Map<string, string>();
  for (const id of succeeded) {
    const [a, b] = [before.get(id), after.get(id)];
    if (!a || !b) changes.set(id, `node "${id}" was removed`);
    else if (!sameComputation(a, b)) changes.set(id, `node "${id}" changed (type or params)`);
    else if (!isDeepStrictEqual(incomingOf(original, id), incomingOf(latest, id)))
      changes.set(id, `node "${id}" has different incoming edges`);
  }
  const tainted = (id: string) => changes.has(id) || [...ancestors(latest, id)].some((a) => changes.has(a) || !before.has(a));
  const problems: string[] = [];
  if (failedNodeId === null) problems.push(...changes.values());
  else {
    const feeding = new Set([...ancestors(original, failedNodeId), ...ancestors(latest, failedNodeId)]);
    problems.push(...[...changes].filter(([id]) => feeding.has(id)).map(([, problem]) => problem));
    if (!after.has(failedNodeId)) problems.push(`the failed node "${failedNodeId}" was removed`);
    else if (!isDeepStrictEqual(incomingOf(original, failedNodeId), incomingOf(latest, failedNodeId)))
      problems.push(`the failed node "${failedNodeId}" has different incoming edges`);
  }
  return { reusable: succeeded.filter((id) => !tainted(id)), problems };
}

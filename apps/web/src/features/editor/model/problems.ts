import { edgeKey } from './definition';

/** One thing the API found wrong, placed on a node or edge when it concerns one (400 `problems[]`). */
export interface DefinitionProblem {
  nodeId?: string;
  edge?: { from: string; to: string };
  path?: string;
  message: string;
}

export interface PlacedProblems {
  all: DefinitionProblem[];
  /** Other messages of the 400 (request-shape errors have no structured item). */
  messages: string[];
  byNode: Map<string, string[]>;
  /** By "from->to" (the API names edges without their `when`). */
  byEdge: Map<string, string[]>;
}

export const NO_PROBLEMS: PlacedProblems = { all: [], messages: [], byNode: new Map(), byEdge: new Map() };

export const edgePairKey = (edge: { from: string; to: string }) => `${edge.from}->${edge.to}`;

export function problemLine(problem: DefinitionProblem): string {
  return problem.path && !problem.message.startsWith(problem.path) ? `${problem.path}: ${problem.message}` : problem.message;
}

export function placeProblems(problems: DefinitionProblem[], messages: string[] = []): PlacedProblems {
  const byNode = new Map<string, string[]>();
  const byEdge = new Map<string, string[]>();
  const push = (map: Map<string, string[]>, key: string, line: string) => map.set(key, [...(map.get(key) ?? []), line]);
  for (const problem of problems) {
    if (problem.nodeId !== undefined) push(byNode, problem.nodeId, problemLine(problem));
    else if (problem.edge) push(byEdge, edgePairKey(problem.edge), problem.message);
  }
  const structured = problems.length > 0;
  return { all: problems, messages: structured ? [] : messages, byNode, byEdge };
}

/** Quick checks before asking the API (which stays the judge): what can be seen without the node types' schemas. */
export function quickProblems(
  definition: { nodes: { id: string; type: string }[]; edges: { from: string; to: string; when?: string }[] },
  isTrigger: (type: string) => boolean,
): DefinitionProblem[] {
  const problems: DefinitionProblem[] = [];
  const triggers = definition.nodes.filter((n) => isTrigger(n.type));
  if (triggers.length !== 1) problems.push({ message: `exactly one trigger node is required (found ${triggers.length})` });
  const types = new Map(definition.nodes.map((n) => [n.id, n.type]));
  for (const edge of definition.edges) {
    if (types.get(edge.from) === 'logic.if' && edge.when !== 'true' && edge.when !== 'false')
      problems.push({ edge, message: 'edges out of logic.if need when "true" or "false"' });
  }
  const seen = new Set<string>();
  for (const edge of definition.edges) {
    if (seen.has(edgeKey(edge))) problems.push({ edge, message: 'duplicate edge' });
    seen.add(edgeKey(edge));
  }
  return problems;
}

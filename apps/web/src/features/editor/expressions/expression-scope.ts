/** What a trigger hands to a run (libs/workflows definition/workflow-definition.ts TriggerData). */
export interface TriggerData {
  body: unknown;
  headers: Record<string, string>;
  query: Record<string, string>;
  method: string;
  path: string;
}

/**
 * The document every expression of a run is evaluated against, exactly as the engine builds it
 * (libs/workflows/src/engine/workflow-runner.ts): `{ trigger, nodes }`, where `trigger` is the
 * execution's trigger data and `nodes` maps each node id to its output once it has SUCCEEDED (the
 * trigger node's output is the trigger data itself). There are no variable bindings: `$env`, `$nodes`
 * and the like do not exist, and `$` / `$$` are this document.
 */
export interface ExpressionScope {
  trigger: TriggerData;
  nodes: Record<string, unknown>;
}

/** The parts of GET /executions/{id} the scope is made of. */
export interface ExecutionData {
  input?: unknown;
  steps?: { nodeId: string; status: string; sequence: number; output?: unknown }[];
}

/** What a manual or test run without input receives (emptyTrigger in the engine). */
export const emptyTrigger = (body: unknown = {}): TriggerData => ({ body, headers: {}, query: {}, method: 'MANUAL', path: '' });

/**
 * The scope of a finished run: its trigger input and every SUCCEEDED step's output. A node's own
 * expressions saw only the nodes before it in the run; this sample holds all of them, so a preview
 * that reads a later node finds a value where that node's run found nothing. Inputs and outputs come
 * back from jsonb columns, which order object keys by length, then bytes: `$keys()` or a whole object
 * rendered as text may list keys in another order than the run saw (a resumed run sees them this way too).
 */
export function scopeFromExecution(execution: ExecutionData): ExpressionScope {
  const trigger = isTriggerData(execution.input) ? execution.input : emptyTrigger(execution.input ?? {});
  const nodes: Record<string, unknown> = {};
  const steps = [...(execution.steps ?? [])].sort((a, b) => a.sequence - b.sequence);
  for (const step of steps) if (step.status === 'SUCCEEDED') nodes[step.nodeId] = step.output ?? null;
  return { trigger, nodes };
}

function isTriggerData(value: unknown): value is TriggerData {
  return value !== null && typeof value === 'object' && 'body' in value && 'method' in value;
}

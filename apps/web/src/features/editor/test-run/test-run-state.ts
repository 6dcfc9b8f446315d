/** One node's part of a test run, as the editor colours and details it. */
export type TestRunStep = {
  status: 'QUEUED' | 'RUNNING' | 'SUCCEEDED' | 'FAILED' | 'SKIPPED' | 'TIMED_OUT' | string;
  durationMs?: number;
  attempts?: number;
  input?: unknown;
  output?: unknown;
  error?: unknown;
};

/** A step as GET /executions/{id} and the `step` server-sent event carry it. */
export interface ExecutionStepView {
  nodeId: string;
  nodeType: string;
  sequence: number;
  status: string;
  attempt: number;
  input?: unknown;
  output?: unknown;
  error?: unknown;
  durationMs?: number | null;
}

export interface TestRunState {
  executionId: string;
  status: string;
  startedAt: string | null;
  durationMs: number | null;
  error: unknown;
  steps: Record<string, ExecutionStepView>;
  /** The stream said the execution is gone (e.g. pruned). */
  streamError: string | null;
}

export const FINAL_STATUSES = ['SUCCEEDED', 'FAILED', 'CANCELLED', 'TIMED_OUT'];
export const isFinal = (status: string) => FINAL_STATUSES.includes(status);

export function startedTestRun(executionId: string, status = 'QUEUED'): TestRunState {
  return { executionId, status, startedAt: null, durationMs: null, error: null, steps: {}, streamError: null };
}

interface StatusData {
  status: string;
  startedAt?: string | null;
  durationMs?: number | null;
  error?: unknown;
  steps?: ExecutionStepView[];
}

/**
 * Folds one event of GET /executions/{id}/events into the run: `status` (the row changed), `step` (a
 * step appeared or changed), `done` (the final execution, steps included), `error` (it no longer exists).
 * A reconnected stream starts again with the current status and every step, so replays are harmless.
 */
export function applyExecutionEvent(state: TestRunState, event: string, data: unknown): TestRunState {
  switch (event) {
    case 'status':
    case 'done': {
      const row = data as StatusData;
      const next: TestRunState = {
        ...state,
        status: row.status,
        startedAt: row.startedAt ?? state.startedAt,
        durationMs: row.durationMs ?? state.durationMs,
        error: row.error ?? null,
      };
      if (event === 'done' && row.steps) next.steps = Object.fromEntries(row.steps.map((step) => [step.nodeId, step]));
      return next;
    }
    case 'step': {
      const step = data as ExecutionStepView;
      return { ...state, steps: { ...state.steps, [step.nodeId]: step } };
    }
    case 'error':
      return { ...state, streamError: (data as { message?: string })?.message ?? 'The execution can no longer be followed' };
    default:
      return state;
  }
}

/** Node ids in the order the engine runs them (as its run plan orders them: Kahn's algorithm, ties in the order of the edges that freed them). */
export function runOrder(definition: unknown): string[] {
  const { nodes = [], edges = [] } = (definition ?? {}) as { nodes?: { id: string }[]; edges?: { from: string; to: string }[] };
  const indegree = new Map(nodes.map((n) => [n.id, 0]));
  for (const edge of edges) indegree.set(edge.to, (indegree.get(edge.to) ?? 0) + 1);
  const ready = nodes.filter((n) => indegree.get(n.id) === 0).map((n) => n.id);
  const order: string[] = [];
  while (ready.length) {
    const id = ready.shift()!;
    order.push(id);
    for (const edge of edges.filter((e) => e.from === id)) {
      indegree.set(edge.to, indegree.get(edge.to)! - 1);
      if (indegree.get(edge.to) === 0) ready.push(edge.to);
    }
  }
  return order;
}

/**
 * The steps map the editor draws, keyed by node id. Workers record steps in batches (before each node
 * that does I/O, and at the end), and a step's `sequence` is its place in the run order, so while the
 * execution runs, the node after the last recorded one is the one being worked on: it is shown RUNNING
 * until its step arrives. Not after a flow.delay (the run is waiting) or beside a step already RUNNING
 * (a node waiting for a callback).
 */
export function canvasSteps(state: TestRunState | null, order: string[]): Record<string, TestRunStep> {
  if (!state) return {};
  const steps: Record<string, TestRunStep> = {};
  for (const step of Object.values(state.steps)) steps[step.nodeId] = toTestRunStep(step);
  if (state.status !== 'RUNNING') return steps;
  const recorded = Object.values(state.steps);
  if (recorded.some((s) => s.status === 'RUNNING')) return steps;
  const last = recorded.reduce<ExecutionStepView | null>((max, s) => (!max || s.sequence > max.sequence ? s : max), null);
  if (last?.nodeType === 'flow.delay') return steps;
  const current = order[(last?.sequence ?? -1) + 1];
  if (current && !steps[current]) steps[current] = { status: 'RUNNING' };
  return steps;
}

function toTestRunStep(step: ExecutionStepView): TestRunStep {
  return {
    status: step.status,
    ...(step.durationMs != null ? { durationMs: step.durationMs } : {}),
    attempts: step.attempt,
    input: step.input ?? null,
    output: step.output ?? null,
    ...(step.error != null ? { error: step.error } : {}),
  };
}

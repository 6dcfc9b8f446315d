import { describe, expect, it } from '@jest/globals';
import { applyExecutionEvent, canvasSteps, ExecutionStepView, runOrder, startedTestRun } from './test-run-state';

const step = (nodeId: string, sequence: number, status = 'SUCCEEDED', extra: Partial<ExecutionStepView> = {}): ExecutionStepView => ({
  nodeId,
  nodeType: 'data.transform',
  sequence,
  status,
  attempt: 1,
  input: { nodes: {} },
  output: { n: sequence },
  error: null,
  durationMs: 3,
  ...extra,
});

const definition = {
  nodes: [
    { id: 'hook', type: 'trigger.webhook' },
    { id: 'b', type: 'data.transform' },
    { id: 'a', type: 'http.request' },
    { id: 'end', type: 'flow.respond' },
  ],
  edges: [
    { from: 'hook', to: 'a' },
    { from: 'hook', to: 'b' },
    { from: 'a', to: 'end' },
    { from: 'b', to: 'end' },
  ],
};

describe('runOrder', () => {
  it('is the engine plan order: topological, ties in the order of the edges that freed them', () => {
    expect(runOrder(definition)).toEqual(['hook', 'a', 'b', 'end']);
    expect(runOrder(null)).toEqual([]);
  });
});

describe('a test run followed through its events', () => {
  it('folds status, step and done events into the steps map', () => {
    let state = startedTestRun('e1');
    state = applyExecutionEvent(state, 'status', {
      id: 'e1',
      status: 'RUNNING',
      startedAt: '2026-12-02T17:00:00Z',
      durationMs: null,
      error: null,
    });
    state = applyExecutionEvent(state, 'step', step('hook', 0));
    state = applyExecutionEvent(state, 'step', step('b', 1));
    expect(state.status).toBe('RUNNING');
    expect(Object.keys(state.steps)).toEqual(['hook', 'b']);

    state = applyExecutionEvent(state, 'step', step('a', 2, 'FAILED', { error: 'boom', output: null, attempt: 3 }));
    state = applyExecutionEvent(state, 'status', { id: 'e1', status: 'FAILED', durationMs: 42, error: 'node "a": boom' });
    state = applyExecutionEvent(state, 'done', {
      id: 'e1',
      status: 'FAILED',
      durationMs: 42,
      error: 'node "a": boom',
      steps: [step('hook', 0), step('b', 1), step('a', 2, 'FAILED', { error: 'boom', output: null, attempt: 3 })],
    });
    expect(state).toMatchObject({ status: 'FAILED', durationMs: 42, error: 'node "a": boom' });
    expect(canvasSteps(state, runOrder(definition))).toEqual({
      hook: { status: 'SUCCEEDED', durationMs: 3, attempts: 1, input: { nodes: {} }, output: { n: 0 } },
      b: { status: 'SUCCEEDED', durationMs: 3, attempts: 1, input: { nodes: {} }, output: { n: 1 } },
      a: { status: 'FAILED', durationMs: 3, attempts: 3, input: { nodes: {} }, output: null, error: 'boom' },
    });
  });

  it('replays harmlessly after a reconnect', () => {
    let state = applyExecutionEvent(startedTestRun('e1'), 'step', step('hook', 0));
    const again = applyExecutionEvent(state, 'step', step('hook', 0));
    expect(again.steps).toEqual(state.steps);
    state = applyExecutionEvent(state, 'error', { message: 'Execution no longer exists' });
    expect(state.streamError).toBe('Execution no longer exists');
    expect(applyExecutionEvent(state, 'keep-alive', {})).toBe(state);
  });
});

describe('canvasSteps', () => {
  const order = runOrder(definition);
  const running = (steps: ExecutionStepView[]) =>
    steps.reduce((s, x) => applyExecutionEvent(s, 'step', x), applyExecutionEvent(startedTestRun('e1'), 'status', { status: 'RUNNING' }));

  it('shows the node after the last recorded step as running', () => {
    expect(canvasSteps(running([]), order)).toEqual({ hook: { status: 'RUNNING' } });
    expect(canvasSteps(running([step('hook', 0), step('a', 1)]), order).b).toEqual({ status: 'RUNNING' });
  });

  it('infers nothing while queued, after a delay, beside a waiting node, or once final', () => {
    expect(canvasSteps(startedTestRun('e1'), order)).toEqual({});
    expect(canvasSteps(null, order)).toEqual({});
    expect(Object.keys(canvasSteps(running([step('hook', 0), step('b', 1, 'SUCCEEDED', { nodeType: 'flow.delay' })]), order))).toEqual([
      'hook',
      'b',
    ]);
    expect(canvasSteps(running([step('hook', 0), step('b', 1, 'RUNNING')]), order).a).toBeUndefined();
    const finished = applyExecutionEvent(running([step('hook', 0)]), 'status', { status: 'SUCCEEDED' });
    expect(canvasSteps(finished, order).b).toBeUndefined();
  });
});

import { emptyTrigger } from '../definition/workflow-definition';
import { Expressions } from './expression-evaluator';
import { NodeAbort, NodeRunContext } from './node-run-context';

const expressions: Expressions = { evaluate: async () => null, template: async (text) => text };
const scope = { trigger: emptyTrigger(), nodes: {} };

describe('NodeRunContext', () => {
  it('gives a destructuring node its fields and the deadline, and makes no abort signal until one is read', () => {
    const abort = new NodeAbort(1_000);
    const context = new NodeRunContext({ params: { a: 1 }, scope, inputs: {}, expressions, nodeId: 'n' }, abort);
    const { params, deadline, nodeId, credentials } = context;
    expect({ params, deadline, nodeId, credentials }).toEqual({ params: { a: 1 }, deadline: 1_000, nodeId: 'n', credentials: undefined });
    expect((abort as unknown as { controller?: AbortController }).controller).toBeUndefined();
  });

  it('hands the node and its expressions the same signal, aborted when the node times out', () => {
    const abort = new NodeAbort(1_000);
    const { signal } = new NodeRunContext({ params: {}, scope, inputs: {}, expressions, nodeId: 'n' }, abort);
    expect(abort.signal).toBe(signal);
    abort.abort();
    expect(signal.aborted).toBe(true);
  });
});

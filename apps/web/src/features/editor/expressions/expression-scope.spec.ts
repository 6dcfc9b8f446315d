import { describe, expect, it } from '@jest/globals';
import { emptyTrigger, scopeFromExecution } from './expression-scope';

describe('scopeFromExecution', () => {
  it('is the trigger input plus every succeeded step output, by node id', () => {
    const input = { ...emptyTrigger({ n: 1 }), method: 'POST', path: 'hook' };
    const scope = scopeFromExecution({
      input,
      steps: [
        { nodeId: 'double', status: 'SUCCEEDED', sequence: 1, output: { n: 2 } },
        { nodeId: 'hook', status: 'SUCCEEDED', sequence: 0, output: input },
        { nodeId: 'never', status: 'SKIPPED', sequence: 2, output: null },
        { nodeId: 'broken', status: 'FAILED', sequence: 3, output: null },
      ],
    });
    expect(scope).toEqual({ trigger: input, nodes: { hook: input, double: { n: 2 } } });
    expect(Object.keys(scope.nodes)).toEqual(['hook', 'double']);
  });

  it('wraps input that is not trigger data as a manual body', () => {
    expect(scopeFromExecution({ input: null })).toEqual({ trigger: emptyTrigger({}), nodes: {} });
    expect(scopeFromExecution({ input: { a: 1 } }).trigger.body).toEqual({ a: 1 });
  });
});

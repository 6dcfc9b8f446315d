import { WorkflowDefinition } from '@app/workflows';
import { planReuse } from './retry-safety';

const node = (id: string, params: Record<string, unknown> = {}) => ({ id, type: id === 't' ? 'trigger.manual' : 'data.set', params });
// t -> a -> b (failed);  t -> side
const original: WorkflowDefinition = {
  nodes: [node('t'), node('a', { v: 1 }), node('b'), node('side', { v: 1 })],
  edges: [
    { from: 't', to: 'a' },
    { from: 'a', to: 'b' },
    { from: 't', to: 'side' },
  ],
};
const copy = (): WorkflowDefinition => JSON.parse(JSON.stringify(original));

describe('planReuse', () => {
  it('reuses everything when only the failed node changed', () => {
    const latest = copy();
    latest.nodes[2].params = { fixed: true };
    expect(planReuse(original, latest, ['t', 'a', 'side'], 'b')).toEqual({ reusable: ['t', 'a', 'side'], problems: [] });
  });

  it('refuses, naming the node, when an ancestor of the failed node changed', () => {
    const latest = copy();
    latest.nodes[1].params = { v: 2 };
    expect(planReuse(original, latest, ['t', 'a', 'side'], 'b').problems).toEqual(['node "a" changed (type or params)']);
  });

  it('runs a changed node off the failed path again instead of refusing', () => {
    const latest = copy();
    latest.nodes[3].params = { v: 2 };
    expect(planReuse(original, latest, ['t', 'a', 'side'], 'b')).toEqual({ reusable: ['t', 'a'], problems: [] });
  });

  it('refuses when the failed node gets its data from elsewhere or is gone', () => {
    const rewired = copy();
    rewired.edges[1] = { from: 'side', to: 'b' };
    expect(planReuse(original, rewired, ['t', 'a', 'side'], 'b').problems).toEqual(['the failed node "b" has different incoming edges']);
    const removed = { nodes: original.nodes.filter((n) => n.id !== 'b'), edges: original.edges.filter((e) => e.to !== 'b') };
    expect(planReuse(original, removed, ['t', 'a', 'side'], 'b').problems).toEqual(['the failed node "b" was removed']);
  });

  it('a node inserted upstream taints what follows it', () => {
    const latest = copy();
    latest.nodes.push(node('new'));
    latest.edges = [{ from: 't', to: 'new' }, { from: 'new', to: 'a' }, ...latest.edges.filter((e) => e.to !== 'a')];
    expect(planReuse(original, latest, ['t', 'a', 'side'], 'b').problems).toEqual(['node "a" has different incoming edges']);
  });
});

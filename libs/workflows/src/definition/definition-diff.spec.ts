import { diffDefinitions } from './definition-diff';

describe('diffDefinitions', () => {
  const a = {
    nodes: [
      { id: 't', type: 'trigger.manual', params: {} },
      { id: 'x', type: 'data.set', params: { fields: { a: '1' }, keep: true } },
      { id: 'gone', type: 'data.set', params: {} },
    ],
    edges: [
      { from: 't', to: 'x' },
      { from: 'x', to: 'gone' },
    ],
  };
  const b = {
    nodes: [
      { id: 't', type: 'trigger.manual', params: {} },
      { id: 'x', type: 'data.set', name: 'X', params: { fields: { a: '2' }, keep: true } },
      { id: 'new', type: 'data.set', params: {} },
    ],
    edges: [
      { from: 't', to: 'x' },
      { from: 'x', to: 'new' },
    ],
  };

  it('lists nodes added, removed and changed (with the changed params only) and edges added and removed', () => {
    expect(diffDefinitions(a, b)).toEqual({
      nodes: {
        added: [b.nodes[2]],
        removed: [a.nodes[2]],
        changed: [{ id: 'x', fields: { name: { from: null, to: 'X' } }, params: { fields: { from: { a: '1' }, to: { a: '2' } } } }],
      },
      edges: { added: [{ from: 'x', to: 'new' }], removed: [{ from: 'x', to: 'gone' }] },
    });
  });

  it('is empty between equal definitions', () => {
    expect(diffDefinitions(a, JSON.parse(JSON.stringify(a)))).toEqual({
      nodes: { added: [], removed: [], changed: [] },
      edges: { added: [], removed: [] },
    });
  });
});

/// <reference types="jest" />
import { applyCommand } from './editor-commands';
import { editorReducer, initialEditorState, isDirty } from './editor-history';
import { withPositions } from './auto-layout';
import type { NodeTypeInfo, WorkflowDefinition } from './definition';
import { paramsUiSchema } from './params-ui-schema';
import { NO_PROBLEMS, placeProblems, quickProblems } from './problems';
import { toFlowEdges, toFlowNodes } from './to-flow';

const nodeTypes = new Map<string, NodeTypeInfo>([
  ['trigger.webhook', { type: 'trigger.webhook', description: '', trigger: true, paramsSchema: {}, example: null }],
]);
const definition: WorkflowDefinition = {
  nodes: [
    { id: 'hook', type: 'trigger.webhook', params: { path: 'p' } },
    { id: 'check', type: 'logic.if', params: { condition: 'true' } },
    { id: 'done', type: 'data.transform', params: { expression: '1' } },
  ],
  edges: [
    { from: 'hook', to: 'check' },
    { from: 'check', to: 'done', when: 'false' },
  ],
};
const decorations = { nodeTypes, problems: NO_PROBLEMS, steps: {} };

describe('definition → canvas', () => {
  it('lays out nodes without positions left to right and keeps given positions', () => {
    const placed = withPositions(definition);
    const xs = placed.nodes.map((n) => n.position!.x);
    expect(xs[0]).toBeLessThan(xs[1]);
    expect(xs[1]).toBeLessThan(xs[2]);
    expect(withPositions(placed)).toBe(placed);
  });

  it('maps nodes and edges, with branch handles and the trigger flag', () => {
    const nodes = toFlowNodes(withPositions(definition), decorations);
    expect(nodes.map((n) => [n.id, n.data.trigger, n.data.branches])).toEqual([
      ['hook', true, null],
      ['check', false, ['true', 'false']],
      ['done', false, null],
    ]);
    const edges = toFlowEdges(definition, NO_PROBLEMS);
    expect(edges.map((e) => [e.source, e.target, e.sourceHandle])).toEqual([
      ['hook', 'check', null],
      ['check', 'done', 'false'],
    ]);
  });

  it('keeps unchanged node objects and rebuilds only the changed one', () => {
    const placed = withPositions(definition);
    const first = toFlowNodes(placed, decorations);
    const moved = applyCommand(placed, { type: 'moveNodes', positions: { done: { x: 999, y: 5 } } });
    const second = toFlowNodes(moved, decorations, first);
    expect(second[0]).toBe(first[0]);
    expect(second[1]).toBe(first[1]);
    expect(second[2]).not.toBe(first[2]);
    expect(second[2].position).toEqual({ x: 999, y: 5 });
  });

  it('places API problems on their node and edge', () => {
    const problems = placeProblems([
      { nodeId: 'hook', path: 'params.path', message: 'is required' },
      { edge: { from: 'check', to: 'done' }, message: 'bad edge' },
    ]);
    const nodes = toFlowNodes(withPositions(definition), { ...decorations, problems });
    expect(nodes[0].data.problems).toEqual(['params.path: is required']);
    expect(toFlowEdges(definition, problems)[1].data?.problems).toEqual(['bad edge']);
  });
});

describe('editor commands and history', () => {
  it('renames a node together with its edges, and undoes and redoes', () => {
    let state = initialEditorState(definition);
    state = editorReducer(state, { type: 'renameNode', from: 'check', to: 'gate' });
    expect(state.definition.edges).toEqual([
      { from: 'hook', to: 'gate' },
      { from: 'gate', to: 'done', when: 'false' },
    ]);
    expect(isDirty(state)).toBe(true);
    state = editorReducer(state, { type: 'undo' });
    expect(state.definition).toBe(definition);
    expect(isDirty(state)).toBe(false);
    state = editorReducer(state, { type: 'redo' });
    expect(state.definition.nodes[1].id).toBe('gate');
  });

  it('removes a node with its edges and refuses duplicate or self edges', () => {
    const removed = applyCommand(definition, { type: 'remove', nodeIds: ['check'], edgeKeys: [] });
    expect(removed.edges).toEqual([]);
    expect(applyCommand(definition, { type: 'connect', edge: { from: 'hook', to: 'check' } })).toBe(definition);
    expect(applyCommand(definition, { type: 'connect', edge: { from: 'done', to: 'done' } })).toBe(definition);
  });

  it('groups typing in one field into one undo step', () => {
    let state = initialEditorState(definition);
    for (const expression of ['1 +', '1 + 2'])
      state = editorReducer(state, { type: 'updateNode', id: 'done', patch: { params: { expression } }, coalesceKey: 'done:params' });
    expect(state.past).toHaveLength(1);
    expect(editorReducer(state, { type: 'undo' }).definition).toBe(definition);
  });
});

describe('params form ui schema', () => {
  it('gives JSONata fields the expression widget and {{ }} fields the template widget', () => {
    expect(paramsUiSchema('logic.if', { type: 'object', properties: { condition: { type: 'string' } } })).toMatchObject({
      condition: { 'ui:widget': 'jsonata', 'ui:options': { template: false } },
    });
    const setUi = paramsUiSchema('data.set', {
      type: 'object',
      properties: { fields: { type: 'object', additionalProperties: { type: 'string' } } },
    });
    expect(setUi.fields).toEqual({ additionalProperties: { 'ui:widget': 'jsonata', 'ui:options': { template: false } } });
    const httpUi = paramsUiSchema('http.request', {
      type: 'object',
      properties: {
        url: { type: 'string' },
        method: { type: 'string' },
        body: { type: 'string', description: 'JSONata expression; the result is sent as JSON' },
      },
    });
    expect(httpUi).toMatchObject({ url: { 'ui:options': { template: true } }, body: { 'ui:options': { template: false } } });
    expect(httpUi.method).toBeUndefined();
    expect(
      paramsUiSchema('code', { type: 'object', properties: { source: { type: 'string', description: 'not JSONata' } } }).source,
    ).toBeUndefined();
  });
});

describe('quick checks before a save', () => {
  it('asks for one trigger and a `when` on edges out of logic.if', () => {
    const isTrigger = (type: string) => type.startsWith('trigger.');
    expect(quickProblems(definition, isTrigger)).toEqual([]);
    const noWhen = applyCommand(definition, { type: 'setEdgeWhen', key: 'check->done:false', when: undefined });
    expect(quickProblems(noWhen, isTrigger)).toEqual([
      { edge: { from: 'check', to: 'done' }, message: 'edges out of logic.if need when "true" or "false"' },
    ]);
    expect(quickProblems({ nodes: [], edges: [] }, isTrigger)).toEqual([{ message: 'exactly one trigger node is required (found 0)' }]);
  });
});

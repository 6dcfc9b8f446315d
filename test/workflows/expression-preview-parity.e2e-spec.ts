import { Server } from 'node:http';
import request from 'supertest';
import { previewExpression, previewTemplate } from '../../apps/web/src/features/editor/expressions/expression-preview';
import { ExecutionData, scopeFromExecution } from '../../apps/web/src/features/editor/expressions/expression-scope';
import { ApiWithUser, startApiWithUser } from '../support/test-app';
import { activate, AuthHeader, createWorkflow, ExecutionView, getExecution, waitForExecution } from '../support/workflows';

/**
 * The editor's expression preview (browser jsonata against the scope rebuilt from GET /executions/{id})
 * must give what the run gave. Expressions cover both engine paths: the main thread (paths, arithmetic,
 * cheap functions) and the worker pool (lambdas, sorts, grouping, regexes).
 */
const EXPRESSIONS: Record<string, string> = {
  greet: '"Hi " & trigger.body.name',
  sorted: 'trigger.body.items^(>price).name',
  mapped: '$map(trigger.body.items, function($i, $n) { $i.price * $n })',
  grouped: 'trigger.body.items{ name: price }',
  single: 'trigger.body.items[price > 2]',
  roots: '$$.nodes.hook.body.name & "/" & $.trigger.method & "/" & trigger.query.x & "/" & trigger.headers."x-test"',
  earlier: '$uppercase(nodes.greet) & " " & $string(nodes.grouped.b)',
  nomatch: 'trigger.body.nope',
  bindings: '[$exists($env), $exists($nodes), $exists($trigger)]',
  regex: '$replace(trigger.body.name, /a/i, "4")',
};
const SET_FIELDS = { total: '$sum(trigger.body.items.price)', names: 'trigger.body.items.name', first: 'trigger.body.items[0]' };
const FAIL_MESSAGE = 'stop {{ trigger.body.name }} {{ nodes.set.names }}{{ nodes.none }}';
/** Object keys as they come out of a jsonb column: the one known difference (see expression-scope.ts). */
const KEY_ORDER = '$keys(nodes.grouped)';

function definition(path: string) {
  const transforms = Object.entries(EXPRESSIONS).map(([id, expression]) => ({ id, type: 'data.transform', params: { expression } }));
  const nodes = [
    { id: 'hook', type: 'trigger.webhook', params: { path, mode: 'async' } },
    ...transforms,
    { id: 'set', type: 'data.set', params: { fields: SET_FIELDS } },
    { id: 'keyOrder', type: 'data.transform', params: { expression: KEY_ORDER } },
    { id: 'fail', type: 'flow.fail', params: { message: FAIL_MESSAGE } },
  ];
  return { nodes, edges: nodes.slice(1).map((node, i) => ({ from: nodes[i].id, to: node.id })) };
}

/** What the run stored: JSON, with undefined stored as null. */
const stored = (value: unknown) => JSON.parse(JSON.stringify(value ?? null));

describe('expression preview parity with runs', () => {
  let ctx: ApiWithUser;
  let server: Server;
  let auth: AuthHeader;
  beforeAll(async () => {
    ctx = await startApiWithUser();
    ({ server, auth } = ctx);
  });
  afterAll(() => ctx?.api.close());

  async function expectPreviewsMatch(execution: ExecutionView) {
    const scope = scopeFromExecution(execution as unknown as ExecutionData);
    const output = (nodeId: string) => execution.steps.find((s) => s.nodeId === nodeId)!.output;
    for (const [nodeId, expression] of Object.entries(EXPRESSIONS)) {
      const preview = await previewExpression(expression, scope);
      expect({ nodeId, preview: preview.state === 'value' ? stored(preview.value) : preview }).toEqual({ nodeId, preview: output(nodeId) });
    }
    for (const [field, expression] of Object.entries(SET_FIELDS)) {
      const preview = await previewExpression(expression, scope);
      expect(preview.state === 'value' && stored(preview.value)).toEqual((output('set') as Record<string, unknown>)[field]);
    }
    const message = await previewTemplate(FAIL_MESSAGE, scope);
    expect(execution.steps.find((s) => s.nodeId === 'fail')!.error).toBe(message.state === 'value' && message.value);
  }

  it('gives what a webhook run gave, from the data GET /executions/{id} returns', async () => {
    const { id: workflowId } = await createWorkflow(server, auth, { name: 'parity', definition: definition('parity-hook') });
    await activate(server, auth, workflowId);
    const body = {
      name: 'Ada',
      items: [
        { name: 'a', price: 2 },
        { name: 'b', price: 3 },
      ],
    };
    await request(server).post('/webhook/parity-hook?x=1').set('X-Test', 'yes').send(body).expect(202);
    const list = await request(server).get('/executions').query({ workflowId }).set(auth).expect(200);
    const execution = await waitForExecution(server, auth, list.body.items[0].id);
    expect(execution.status).toBe('FAILED');
    expect(execution.steps.find((s) => s.nodeId === 'roots')!.output).toBe('Ada/POST/1/yes');
    await expectPreviewsMatch(execution);
  });

  it('gives what a test run of a draft gave', async () => {
    const body = {
      name: 'Grace',
      items: [
        { name: 'b', price: 5 },
        { name: 'a', price: 1 },
      ],
    };
    const draft = definition('parity-draft');
    const started = await request(server).post('/workflows/test-runs').set(auth).send({ definition: draft, input: body }).expect(202);
    const execution = await waitForExecution(server, auth, started.body.id);
    expect(execution.steps.find((s) => s.nodeId === 'greet')!.output).toBe('Hi Grace');
    expect((await getExecution(server, auth, started.body.id)).status).toBe('FAILED');
    await expectPreviewsMatch(execution);
  });

  it('sees object keys in the order PostgreSQL stored them, which may differ from the run', async () => {
    const body = {
      name: 'Order',
      items: [
        { name: 'bb', price: 1 },
        { name: 'a', price: 2 },
      ],
    };
    const started = await request(server)
      .post('/workflows/test-runs')
      .set(auth)
      .send({ definition: definition('parity-keys'), input: body })
      .expect(202);
    const execution = await waitForExecution(server, auth, started.body.id);
    expect(execution.steps.find((s) => s.nodeId === 'keyOrder')!.output).toEqual(['bb', 'a']);
    const preview = await previewExpression(KEY_ORDER, scopeFromExecution(execution as unknown as ExecutionData));
    expect(preview.state === 'value' && stored(preview.value)).toEqual(['a', 'bb']); // jsonb orders keys by length, then bytes
  });
});

import { Server } from 'node:http';
import request from 'supertest';
import { startApiWithUser, TestApi } from '../support/test-app';
import {
  activate,
  AuthHeader,
  chain,
  createWorkflow,
  eventually,
  getExecution,
  runOnce,
  runWorkflow,
  waitForExecution,
} from '../support/workflows';

const ALL_TYPES = [
  'trigger.webhook',
  'trigger.manual',
  'trigger.schedule',
  'http.request',
  'email.send',
  'db.query',
  'data.set',
  'data.transform',
  'logic.if',
  'logic.switch',
  'flow.merge',
  'code',
  'flow.delay',
  'flow.respond',
  'flow.fail',
  'workflow.call',
  'flow.forEach',
  'flow.waitForCallback',
];

/** trigger -> check (logic.if) -> yes | no -> after (joins both branches). */
function branching(trigger: { id: string; type: string; params: object }) {
  return {
    nodes: [
      trigger,
      { id: 'check', type: 'logic.if', params: { condition: 'trigger.body.amount > 100' } },
      { id: 'yes', type: 'data.set', params: { fields: { tier: '"big"', amount: 'trigger.body.amount' } } },
      { id: 'no', type: 'data.set', params: { fields: { tier: '"small"' } } },
      { id: 'after', type: 'data.transform', params: { expression: '$exists(nodes.yes) ? nodes.yes.tier : nodes.no.tier' } },
    ],
    edges: [
      { from: trigger.id, to: 'check' },
      { from: 'check', to: 'yes', when: 'true' },
      { from: 'check', to: 'no', when: 'false' },
      { from: 'yes', to: 'after' },
      { from: 'no', to: 'after' },
    ],
  };
}

const webhook = (path: string, ...nodes: { id: string; type: string; params: object }[]) => {
  const all = [{ id: 'hook', type: 'trigger.webhook', params: { path } }, ...nodes];
  return { nodes: all, edges: all.slice(1).map((n, i) => ({ from: all[i].id, to: n.id })) };
};

describe('node types', () => {
  let api: TestApi;
  let server: Server;
  let auth: AuthHeader;

  beforeAll(async () => ({ api, server, auth } = await startApiWithUser()));
  afterAll(() => api?.close());

  async function activeWebhook(definition: object): Promise<string> {
    const { id } = await createWorkflow(server, auth, { name: 'hook', definition });
    await activate(server, auth, id);
    return id;
  }

  it('GET /node-types lists every type with its paramsSchema', async () => {
    const res = await request(server).get('/node-types').set(auth).expect(200);
    const items = res.body.items as { type: string; trigger: boolean; description: string; paramsSchema: { type: string } }[];
    expect(items.map((t) => t.type).sort()).toEqual([...ALL_TYPES].sort());
    for (const item of items) {
      expect(item.description.length).toBeGreaterThan(0);
      expect(item.paramsSchema.type).toBe('object');
      expect(item.trigger).toBe(item.type.startsWith('trigger.'));
    }
    expect(items.find((t) => t.type === 'trigger.schedule')!.paramsSchema).toMatchObject({ required: ['cron'] });
  });

  it('trigger.manual: POST /workflows/:id/run answers 202 QUEUED, then the worker runs it to SUCCEEDED', async () => {
    const { id } = await createWorkflow(server, auth, {
      name: 'manual',
      definition: chain({ id: 'echo', type: 'data.transform', params: { expression: 'trigger.body' } }),
    });
    const res = await request(server).post(`/workflows/${id}/run`).set(auth).send({ hello: 'world' }).expect(202);
    expect(res.body).toMatchObject({ id: expect.any(String), status: 'QUEUED', workflowId: id });

    const execution = await waitForExecution(server, auth, res.body.id);
    expect(execution).toMatchObject({ status: 'SUCCEEDED', trigger: 'MANUAL', attempt: 1, output: { hello: 'world' }, error: null });
    expect(execution.steps.map((s) => [s.nodeId, s.status, s.attempt])).toEqual([
      ['start', 'SUCCEEDED', 1],
      ['echo', 'SUCCEEDED', 1],
    ]);
    expect(execution.steps[0].output).toMatchObject({ body: { hello: 'world' }, method: 'MANUAL' });
  });

  it('data.set and data.transform: JSONata over the trigger and earlier nodes; each step has its input', async () => {
    const execution = await runOnce(
      server,
      auth,
      chain(
        {
          id: 'set',
          type: 'data.set',
          params: {
            fields: { total: '$sum(trigger.body.items.price)', count: '$count(trigger.body.items)', who: '$uppercase(trigger.body.user)' },
          },
        },
        {
          id: 'shape',
          type: 'data.transform',
          params: {
            expression:
              '{ "summary": nodes.set.who & ": " & $string(nodes.set.count) & " items", "avg": nodes.set.total / nodes.set.count }',
          },
        },
      ),
      { user: 'ann', items: [{ price: 10 }, { price: 20 }, { price: 30 }] },
    );
    expect(execution.status).toBe('SUCCEEDED');
    expect(execution.output).toEqual({ summary: 'ANN: 3 items', avg: 20 });
    const steps = execution.steps as unknown as { nodeId: string; input: unknown; output: unknown }[];
    expect(steps[1].output).toEqual({ total: 60, count: 3, who: 'ANN' });
    expect(steps[2].input).toBeTruthy(); // what fed the node (its shape is the runner's choice)
  });

  it('an expression that fails at run time fails the execution, naming the node', async () => {
    const execution = await runOnce(
      server,
      auth,
      chain({ id: 'bad', type: 'data.transform', params: { expression: '$number("abc") + $undefinedFunction()' } }),
    );
    expect(execution.status).toBe('FAILED');
    expect(execution.error).toContain('node "bad"');
    expect(execution.steps[1]).toMatchObject({ nodeId: 'bad', status: 'FAILED' });
  });

  it.each([
    [500, 'big', 'yes', 'no'],
    [5, 'small', 'no', 'yes'],
  ])('logic.if with amount %s takes one branch and SKIPs the other', async (amount, tier, taken, skipped) => {
    const execution = await runOnce(server, auth, branching({ id: 'start', type: 'trigger.manual', params: {} }), { amount });
    expect(execution.status).toBe('SUCCEEDED');
    expect(execution.output).toBe(tier);
    const status = Object.fromEntries(execution.steps.map((s) => [s.nodeId, s.status]));
    expect(status).toEqual({ start: 'SUCCEEDED', check: 'SUCCEEDED', [taken]: 'SUCCEEDED', [skipped]: 'SKIPPED', after: 'SUCCEEDED' });
    expect(execution.steps.find((s) => s.nodeId === 'check')!.output).toEqual({ result: amount > 100 });
    expect(execution.steps.find((s) => s.nodeId === skipped)!.attempt).toBe(0);
  });

  it('flow.respond: a sync webhook answers with its status, headers and body, plus x-execution-id', async () => {
    await activeWebhook(
      webhook(
        'nodes-respond',
        { id: 'calc', type: 'data.set', params: { fields: { doubled: 'trigger.body.n * 2' } } },
        {
          id: 'reply',
          type: 'flow.respond',
          params: {
            status: 201,
            headers: { 'x-custom': 'yes', 'cache-control': 'no-store' },
            body: '{ "doubled": nodes.calc.doubled, "q": trigger.query.q }',
          },
        },
      ),
    );
    const res = await request(server).post('/webhook/nodes-respond?q=hi').send({ n: 21 });
    expect(res.status).toBe(201);
    expect(res.headers['x-custom']).toBe('yes');
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.body).toEqual({ doubled: 42, q: 'hi' });
    const execution = await getExecution(server, auth, res.headers['x-execution-id']);
    expect(execution).toMatchObject({ status: 'SUCCEEDED', trigger: 'WEBHOOK', output: { doubled: 42, q: 'hi' } });
  });

  it('a sync webhook without flow.respond answers 200 with the last output', async () => {
    await activeWebhook(webhook('nodes-last', { id: 'calc', type: 'data.transform', params: { expression: 'trigger.body.n + 1' } }));
    const res = await request(server).post('/webhook/nodes-last').send({ n: 1 }).expect(200);
    expect(res.body).toBe(2);
    expect(res.headers['x-execution-id']).toEqual(expect.any(String));
  });

  it('flow.fail: the execution FAILS with the templated message; a sync webhook answers 422 with it', async () => {
    const manual = await runOnce(
      server,
      auth,
      chain({ id: 'stop', type: 'flow.fail', params: { message: 'order {{ trigger.body.order }} is invalid' } }),
      { order: 7 },
    );
    expect(manual.status).toBe('FAILED');
    expect(manual.error).toBe('node "stop": order 7 is invalid');
    expect(manual.steps[1]).toMatchObject({ nodeId: 'stop', status: 'FAILED', attempt: 1, error: 'order 7 is invalid' });

    await activeWebhook(webhook('nodes-fail', { id: 'stop', type: 'flow.fail', params: { message: 'no {{ trigger.body.what }}' } }));
    const res = await request(server).post('/webhook/nodes-fail').send({ what: 'luck' });
    expect(res.status).toBe(422);
    // The anonymous caller gets a generic answer; the reason is the owner's to read.
    expect(res.body).toMatchObject({
      statusCode: 422,
      message: expect.stringContaining('its owner can see why'),
      executionId: res.headers['x-execution-id'],
    });
    expect(await getExecution(server, auth, res.headers['x-execution-id'])).toMatchObject({
      status: 'FAILED',
      error: 'node "stop": no luck',
    });
  });

  it('flow.fail is never retried, whatever the node says', async () => {
    const execution = await runOnce(
      server,
      auth,
      chain({ id: 'stop', type: 'flow.fail', params: { message: 'no' }, retries: 3, retryBackoffMs: 10 }),
    );
    expect(execution.steps[1]).toMatchObject({ status: 'FAILED', attempt: 1 });
  });

  it('flow.delay: RUNNING meanwhile, resumed by a delayed job, SUCCEEDED after the delay with every step once', async () => {
    const DELAY = 700;
    const { id } = await createWorkflow(server, auth, {
      name: 'delayed',
      definition: chain(
        { id: 'before', type: 'data.set', params: { fields: { n: 'trigger.body.n' } } },
        { id: 'wait', type: 'flow.delay', params: { ms: DELAY } },
        { id: 'after', type: 'data.set', params: { fields: { n: 'nodes.before.n + 1', waited: 'nodes.wait.delayedMs' } } },
      ),
    });
    const started = Date.now();
    const executionId = await runWorkflow(server, auth, id, { n: 1 });
    const running = await waitForExecution(server, auth, executionId, ['RUNNING', 'SUCCEEDED']);
    expect(running.status).toBe('RUNNING');
    await eventually('first segment persisted', async () => (await getExecution(server, auth, executionId)).steps.length === 3);
    const paused = await getExecution(server, auth, executionId);
    expect(paused.status).toBe('RUNNING');
    expect(paused.steps.map((s) => s.nodeId)).toEqual(['start', 'before', 'wait']);

    const done = await waitForExecution(server, auth, executionId);
    expect(Date.now() - started).toBeGreaterThanOrEqual(DELAY);
    expect(done).toMatchObject({ status: 'SUCCEEDED', output: { n: 2, waited: DELAY } });
    expect(done.steps.map((s) => [s.nodeId, s.status])).toEqual([
      ['start', 'SUCCEEDED'],
      ['before', 'SUCCEEDED'],
      ['wait', 'SUCCEEDED'],
      ['after', 'SUCCEEDED'],
    ]);
    const after = done.steps[3] as unknown as { startedAt: string };
    const wait = done.steps[2] as unknown as { finishedAt: string };
    expect(new Date(after.startedAt).getTime() - new Date(wait.finishedAt).getTime()).toBeGreaterThanOrEqual(DELAY - 50);
  });

  it('flow.delay in a sync webhook: the answer waits for the resumed run', async () => {
    await activeWebhook(
      webhook(
        'nodes-delay',
        { id: 'wait', type: 'flow.delay', params: { ms: 300 } },
        { id: 'reply', type: 'flow.respond', params: { status: 200, body: '"resumed"' } },
      ),
    );
    const started = Date.now();
    const res = await request(server).post('/webhook/nodes-delay').send({});
    expect(res.status).toBe(200);
    expect(res.text).toBe('resumed'); // a string body goes out as text
    expect(Date.now() - started).toBeGreaterThanOrEqual(300);
  });
  // Schedule firing across replicas is covered by schedules.e2e-spec.ts; its validation by validation.e2e-spec.ts.
});

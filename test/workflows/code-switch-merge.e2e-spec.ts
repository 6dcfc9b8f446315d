import { Server } from 'node:http';
import request from 'supertest';
import { startApiWithUser, TestApi } from '../support/test-app';
import { AuthHeader, chain, createWorkflow, runOnce, waitForExecution } from '../support/workflows';

const code = (id: string, source: string, extra: object = {}) => ({ id, type: 'code', params: { code: source, ...extra } });

/** start -> sw (logic.switch) -> one node per case (+ default) -> join (flow.merge). */
function switchAndMerge(mode: 'first' | 'all', merge: object = {}) {
  return {
    nodes: [
      { id: 'start', type: 'trigger.manual', params: {} },
      {
        id: 'sw',
        type: 'logic.switch',
        params: {
          mode,
          rules: [
            { case: 'big', condition: 'trigger.body.amount > 100' },
            { case: 'even', condition: 'trigger.body.amount % 2 = 0' },
          ],
        },
      },
      { id: 'onBig', type: 'data.set', params: { fields: { route: '"big"' } } },
      { id: 'onEven', type: 'data.set', params: { fields: { route: '"even"' } } },
      { id: 'other', type: 'data.set', params: { fields: { route: '"other"' } } },
      { id: 'join', type: 'flow.merge', params: merge },
    ],
    edges: [
      { from: 'start', to: 'sw' },
      { from: 'sw', to: 'onBig', when: 'big' },
      { from: 'sw', to: 'onEven', when: 'even' },
      { from: 'sw', to: 'other', when: 'default' },
      { from: 'onBig', to: 'join' },
      { from: 'onEven', to: 'join' },
      { from: 'other', to: 'join' },
    ],
  };
}

describe('code, logic.switch and flow.merge nodes', () => {
  let api: TestApi;
  let server: Server;
  let auth: AuthHeader;

  beforeAll(async () => ({ api, server, auth } = await startApiWithUser()));
  afterAll(() => api?.close());

  const saveProblems = async (definition: object) => {
    const res = await request(server).post('/workflows').set(auth).send({ name: 'bad', definition });
    expect(res.status).toBe(400);
    return JSON.stringify(res.body.message);
  };

  it('GET /node-types lists the three types with a schema, a description and an example that saves', async () => {
    const res = await request(server).get('/node-types').set(auth).expect(200);
    for (const type of ['code', 'logic.switch', 'flow.merge']) {
      const item = res.body.items.find((t: { type: string }) => t.type === type);
      expect(item).toMatchObject({ description: expect.any(String), paramsSchema: { type: 'object' }, example: expect.any(Object) });
      const node = { id: 'n', type, params: item.example };
      const edges = type === 'logic.switch' ? [{ from: 'n', to: 'after', when: 'default' }] : [{ from: 'n', to: 'after' }];
      const definition = {
        nodes: [
          { id: 'start', type: 'trigger.manual', params: {} },
          node,
          { id: 'after', type: 'data.transform', params: { expression: '1' } },
        ],
        edges: [{ from: 'start', to: 'n' }, ...edges],
      };
      await createWorkflow(server, auth, { name: `example-${type}`, definition });
    }
  });

  describe('code', () => {
    it('returns JSON computed from $trigger, $nodes and $input', async () => {
      const execution = await runOnce(
        server,
        auth,
        chain(
          { id: 'prep', type: 'data.set', params: { fields: { factor: '3' } } },
          code(
            'calc',
            'const items = $trigger.body.items;\nreturn { total: items.reduce((s, i) => s + i, 0) * $nodes.prep.factor, parents: Object.keys($input), fromInput: $input.prep.factor };',
          ),
        ),
        { items: [1, 2, 3] },
      );
      expect(execution.status).toBe('SUCCEEDED');
      expect(execution.output).toEqual({ total: 18, parents: ['prep'], fromInput: 3 });
    });

    it('has no access to the host: no require, process, network, filesystem or timers', async () => {
      const probe = `return ['require', 'process', 'fetch', 'XMLHttpRequest', 'setTimeout', 'setInterval', 'std', 'os', 'module', 'Buffer']
        .filter((name) => typeof globalThis[name] !== 'undefined');`;
      const execution = await runOnce(server, auth, chain(code('probe', probe)));
      expect(execution).toMatchObject({ status: 'SUCCEEDED', output: [] });
    });

    it('stops an infinite loop at its time limit with a clear error, while the API keeps answering', async () => {
      const { id } = await createWorkflow(server, auth, {
        name: 'loop',
        definition: chain(code('spin', 'while (true) {}', { timeoutMs: 1500 })),
      });
      const started = Date.now();
      const run = await request(server).post(`/workflows/${id}/run`).set(auth).send({}).expect(202);
      // While the loop spins, the API answers promptly (the sandbox runs off the event loop).
      const latencies: number[] = [];
      for (let i = 0; i < 5; i++) {
        const t = Date.now();
        await request(server).get('/node-types').set(auth).expect(200);
        latencies.push(Date.now() - t);
        await new Promise((resolve) => setTimeout(resolve, 150));
      }
      expect(Math.max(...latencies)).toBeLessThan(500);
      const execution = await waitForExecution(server, auth, run.body.id);
      expect(execution.status).toBe('FAILED');
      expect(execution.error).toBe('node "spin": code exceeded its time limit of 1500 ms');
      expect(Date.now() - started).toBeLessThan(6_000);
    });

    it('stops code that allocates past its memory limit', async () => {
      const execution = await runOnce(
        server,
        auth,
        chain(code('hog', 'const a = []; for (;;) a.push("x".repeat(1000) + a.length);', { memoryMb: 8, timeoutMs: 10000 })),
      );
      expect(execution.status).toBe('FAILED');
      expect(execution.error).toBe('node "hog": code exceeded its memory limit of 8 MB');
    });

    it('a thrown error fails the step with its message and line', async () => {
      const execution = await runOnce(server, auth, chain(code('oops', 'const x = 1;\nthrow new RangeError("bad input " + x);')));
      expect(execution.status).toBe('FAILED');
      expect(execution.error).toBe('node "oops": code threw RangeError: bad input 1 (line 2)');
      expect(execution.steps[1]).toMatchObject({ nodeId: 'oops', status: 'FAILED' });
    });

    it('refuses on save a syntax error and out-of-range limits, naming the node', async () => {
      const message = await saveProblems(chain(code('broken', 'return {;', { timeoutMs: 999999, memoryMb: 0 })));
      expect(message).toContain('node \\"broken\\": params.timeoutMs must be <= 30000');
      expect(message).toContain('node \\"broken\\": params.memoryMb must be >= 1');
      const syntax = await saveProblems(chain(code('broken', 'const a = 1;\nreturn {;')));
      expect(syntax).toMatch(/node \\"broken\\": params.code: SyntaxError: .+ \(line 2\)/);
    });
  });

  describe('logic.switch and flow.merge', () => {
    it.each([
      ['first', 500, ['big'], { onBig: { route: 'big' } }],
      ['all', 500, ['big', 'even'], { onBig: { route: 'big' }, onEven: { route: 'even' } }],
      ['all', 7, ['default'], { other: { route: 'other' } }],
    ] as const)('mode %s, amount %s: takes %j; merge waits and outputs by branch', async (mode, amount, matched, merged) => {
      const execution = await runOnce(server, auth, switchAndMerge(mode), { amount });
      expect(execution.status).toBe('SUCCEEDED');
      const status = Object.fromEntries(execution.steps.map((s) => [s.nodeId, s.status]));
      expect(execution.steps.find((s) => s.nodeId === 'sw')!.output).toEqual({ matched });
      for (const node of ['onBig', 'onEven', 'other']) expect(status[node]).toBe(node in merged ? 'SUCCEEDED' : 'SKIPPED');
      expect(status.join).toBe('SUCCEEDED');
      expect(execution.output).toEqual(merged);
    });

    it('merge output "append" concatenates; mode "first" keeps the first branch that ran', async () => {
      const append = await runOnce(server, auth, switchAndMerge('all', { output: 'append' }), { amount: 500 });
      expect(append.output).toEqual([{ route: 'big' }, { route: 'even' }]);
      const first = await runOnce(server, auth, switchAndMerge('all', { mode: 'first' }), { amount: 500 });
      expect(first.output).toEqual({ onBig: { route: 'big' } });
    });

    it('remembers the switch result across a pause (flow.delay) and a resumed run', async () => {
      const definition = switchAndMerge('first');
      // Kahn order: start, sw, wait, then the case nodes: they run after the resume.
      definition.nodes.push({ id: 'wait', type: 'flow.delay', params: { ms: 50 } } as never);
      definition.edges.splice(1, 0, { from: 'start', to: 'wait' });
      definition.edges.push({ from: 'wait', to: 'join' });
      const execution = await runOnce(server, auth, definition, { amount: 500 });
      expect(execution.status).toBe('SUCCEEDED');
      const status = Object.fromEntries(execution.steps.map((s) => [s.nodeId, s.status]));
      expect(status).toMatchObject({
        sw: 'SUCCEEDED',
        wait: 'SUCCEEDED',
        onBig: 'SUCCEEDED',
        onEven: 'SKIPPED',
        other: 'SKIPPED',
        join: 'SUCCEEDED',
      });
      expect(Object.keys(execution.output as object).sort()).toEqual(['onBig', 'wait']);
    });

    it('refuses on save edges whose when names no case, duplicate cases and the reserved "default", naming the node', async () => {
      const definition = switchAndMerge('first');
      definition.edges[2] = { from: 'sw', to: 'onEven', when: 'evn' };
      const message = await saveProblems(definition);
      expect(message).toContain(
        'edge sw -> onEven: edges out of logic.switch need when naming one of its cases: \\"big\\", \\"even\\", \\"default\\" (got \\"evn\\")',
      );

      const dup = switchAndMerge('first');
      (dup.nodes[1].params as { rules: object[] }).rules.push({ case: 'big', condition: 'true' }, { case: 'default', condition: 'false' });
      const problems = await saveProblems(dup);
      expect(problems).toContain('node \\"sw\\": params.rules.2.case \\"big\\" is used by an earlier rule');
      expect(problems).toContain('node \\"sw\\": params.rules.3.case \\"default\\" is reserved');

      const badExpression = switchAndMerge('first');
      (badExpression.nodes[1].params as { rules: { condition: string }[] }).rules[0].condition = 'trigger.body.amount >';
      expect(await saveProblems(badExpression)).toContain('node \\"sw\\": ');

      const badMerge = switchAndMerge('first', { mode: 'any' });
      expect(await saveProblems(badMerge)).toContain('node \\"join\\": params.mode must be equal to one of the allowed values');
    });
  });
});

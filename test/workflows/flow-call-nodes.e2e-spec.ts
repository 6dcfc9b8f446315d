import { Server } from 'node:http';
import { getQueueToken } from '@nestjs/bullmq';
import { Queue } from 'bullmq';
import request from 'supertest';
import { EXECUTION_QUEUE } from '@app/executions';
import { registerUser } from '../support/auth';
import { startApiWithUser, TestApi } from '../support/test-app';
import {
  AuthHeader,
  chain,
  createWorkflow,
  eventually,
  ExecutionView,
  getExecution,
  runOnce,
  runWorkflow,
  waitForExecution,
} from '../support/workflows';

type Node = { id: string; type: string; params: object };

describe('workflow.call, flow.forEach, flow.waitForCallback', () => {
  let api: TestApi;
  let server: Server;
  let auth: AuthHeader;

  beforeAll(async () => ({ api, server, auth } = await startApiWithUser()));
  afterAll(() => api?.close());

  const create = async (...nodes: Node[]) =>
    (await createWorkflow(server, auth, { name: `wf-${Math.random().toString(36).slice(2, 8)}`, definition: chain(...nodes) })).id;
  const setDefinition = (id: string, ...nodes: Node[]) =>
    request(server)
      .patch(`/workflows/${id}`)
      .set(auth)
      .send({ definition: chain(...nodes) })
      .expect(200);
  const childrenOf = async (parentId: string) => {
    const res = await request(server).get('/executions').query({ limit: 100 }).set(auth).expect(200);
    const ids = (res.body.items as { id: string; parentExecutionId: string | null }[])
      .filter((e) => e.parentExecutionId === parentId)
      .map((e) => e.id);
    return Promise.all(ids.map((id) => getExecution(server, auth, id)));
  };
  /** A body workflow: doubles trigger.body.item, fails when it is 2 and `failOnTwo`. */
  const doubler = (failOnTwo = false) =>
    failOnTwo
      ? createWorkflow(server, auth, {
          name: 'doubler-failing',
          definition: {
            nodes: [
              { id: 'start', type: 'trigger.manual', params: {} },
              { id: 'check', type: 'logic.if', params: { condition: 'trigger.body.item = 2' } },
              { id: 'boom', type: 'flow.fail', params: { message: 'item {{ trigger.body.item }} is refused' } },
              { id: 'double', type: 'data.transform', params: { expression: 'trigger.body.item * 2' } },
            ],
            edges: [
              { from: 'start', to: 'check' },
              { from: 'check', to: 'boom', when: 'true' },
              { from: 'check', to: 'double', when: 'false' },
            ],
          },
        }).then((w) => w.id)
      : create({ id: 'double', type: 'data.transform', params: { expression: 'trigger.body.item * 2' } });

  it('GET /node-types lists the three with a description, a params schema and an example', async () => {
    const res = await request(server).get('/node-types').set(auth).expect(200);
    for (const type of ['workflow.call', 'flow.forEach', 'flow.waitForCallback']) {
      const item = (res.body.items as { type: string; description: string; paramsSchema: { required: string[] }; example: object }[]).find(
        (t) => t.type === type,
      )!;
      expect(item.description.length).toBeGreaterThan(40);
      expect(item.paramsSchema.required.length).toBeGreaterThan(0);
      expect(Object.keys(item.example)).toEqual(expect.arrayContaining(item.paramsSchema.required));
    }
  });

  describe('workflow.call', () => {
    it('runs the child as its own execution linked to the parent and returns its output', async () => {
      const child = await create({ id: 'double', type: 'data.set', params: { fields: { doubled: 'trigger.body.n * 2' } } });
      const parent = await runOnce(
        server,
        auth,
        chain(
          { id: 'call', type: 'workflow.call', params: { workflowId: child, input: '{ "n": trigger.body.n }' } },
          { id: 'after', type: 'data.transform', params: { expression: 'nodes.call.output.doubled + 1' } },
        ),
        { n: 5 },
      );
      expect(parent).toMatchObject({ status: 'SUCCEEDED', output: 11 });
      const call = parent.steps.find((s) => s.nodeId === 'call')!.output as { executionId: string; output: unknown };
      expect(call.output).toEqual({ doubled: 10 });
      const execution = await getExecution(server, auth, call.executionId);
      expect(execution).toMatchObject({
        status: 'SUCCEEDED',
        trigger: 'WORKFLOW',
        parentExecutionId: parent.id,
        workflowId: child,
        input: { body: { n: 5 } },
      });
      expect(execution.steps.map((s) => [s.nodeId, s.status])).toEqual([
        ['start', 'SUCCEEDED'],
        ['double', 'SUCCEEDED'],
      ]);
    });

    it('runs a pinned version, or the current one when none is pinned', async () => {
      const child = await create({ id: 'v', type: 'data.transform', params: { expression: '"one"' } });
      await setDefinition(child, { id: 'v', type: 'data.transform', params: { expression: '"two"' } });
      const pinned = await runOnce(server, auth, chain({ id: 'call', type: 'workflow.call', params: { workflowId: child, version: 1 } }));
      const latest = await runOnce(server, auth, chain({ id: 'call', type: 'workflow.call', params: { workflowId: child } }));
      expect((pinned.output as { output: string }).output).toBe('one');
      expect((latest.output as { output: string }).output).toBe('two');
      const missing = await runOnce(server, auth, chain({ id: 'call', type: 'workflow.call', params: { workflowId: child, version: 9 } }));
      expect(missing).toMatchObject({ status: 'FAILED', error: expect.stringContaining('has no version 9') });
    });

    it('fails the node when the child fails, naming the child execution', async () => {
      const child = await create({ id: 'boom', type: 'flow.fail', params: { message: 'child says no' } });
      const parent = await runOnce(server, auth, chain({ id: 'call', type: 'workflow.call', params: { workflowId: child } }));
      expect(parent.status).toBe('FAILED');
      expect(parent.error).toMatch(/node "call": workflow.call: child execution [0-9a-f-]{36} ended FAILED: .*child says no/);
      const [failedChild] = await childrenOf(parent.id);
      expect(failedChild).toMatchObject({ status: 'FAILED', parentExecutionId: parent.id });
    });

    it("refuses another user's workflow as if it did not exist", async () => {
      const other = (await registerUser(server)).authHeader;
      const theirs = (
        await createWorkflow(server, other, {
          name: 'theirs',
          definition: chain({ id: 'x', type: 'data.transform', params: { expression: '1' } }),
        })
      ).id;
      const parent = await runOnce(server, auth, chain({ id: 'call', type: 'workflow.call', params: { workflowId: theirs } }));
      expect(parent).toMatchObject({ status: 'FAILED', error: `node "call": workflow ${theirs} not found among your workflows` });
    });

    it('refuses a cycle (a workflow calling itself, directly or through another)', async () => {
      const a = await create({ id: 'x', type: 'data.transform', params: { expression: '1' } });
      const b = await create({ id: 'call', type: 'workflow.call', params: { workflowId: a } });
      await setDefinition(a, { id: 'call', type: 'workflow.call', params: { workflowId: b } });
      const execution = await waitForExecution(server, auth, await runWorkflow(server, auth, a));
      expect(execution).toMatchObject({ status: 'FAILED' });
      expect(execution.error).toContain(`would form a cycle (${a} -> ${b} -> ${a})`);
      const [child] = await childrenOf(execution.id);
      expect(child).toMatchObject({ status: 'FAILED', workflowId: b });
    });

    it('refuses calls nested deeper than 5 executions', async () => {
      let next = await create({ id: 'leaf', type: 'data.transform', params: { expression: '"leaf"' } });
      for (let i = 0; i < 5; i++) next = await create({ id: 'call', type: 'workflow.call', params: { workflowId: next } });
      const top = await waitForExecution(server, auth, await runWorkflow(server, auth, next));
      expect(top.status).toBe('FAILED');
      expect(top.error).toContain('call depth limit of 5 nested executions reached');
    });

    it('names the node when its params are invalid on save', async () => {
      const res = await request(server)
        .post('/workflows')
        .set(auth)
        .send({ name: 'bad', definition: chain({ id: 'call', type: 'workflow.call', params: { workflowId: 'nope', input: '(' } }) })
        .expect(400);
      expect(JSON.stringify(res.body)).toContain('node \\"call\\": params.workflowId must match pattern');
    });
  });

  describe('flow.forEach', () => {
    it('runs the body once per item (concurrency 2) as linked child executions, results in item order', async () => {
      const body = await doubler();
      const parent = await runOnce(
        server,
        auth,
        chain({ id: 'each', type: 'flow.forEach', params: { items: 'trigger.body.items', workflowId: body, concurrency: 2 } }),
        { items: [1, 2, 3, 4] },
      );
      expect(parent.status).toBe('SUCCEEDED');
      const output = parent.output as {
        results: number[];
        items: { index: number; executionId: string; status: string }[];
        failed: number;
      };
      expect(output.results).toEqual([2, 4, 6, 8]);
      expect(output.failed).toBe(0);
      expect(output.items.map((i) => i.index)).toEqual([0, 1, 2, 3]);
      const children = await childrenOf(parent.id);
      expect(children.map((c) => c.id).sort()).toEqual(output.items.map((i) => i.executionId).sort());
      for (const child of children) expect(child.steps.map((s) => s.status)).toEqual(['SUCCEEDED', 'SUCCEEDED']);
    });

    it('onItemError "collect" records a failed item and goes on; "fail" fails the node naming the item', async () => {
      const body = await doubler(true);
      const params = { items: 'trigger.body.items', workflowId: body };
      const collected = await runOnce(
        server,
        auth,
        chain({ id: 'each', type: 'flow.forEach', params: { ...params, onItemError: 'collect' } }),
        { items: [1, 2, 3] },
      );
      expect(collected.status).toBe('SUCCEEDED');
      expect(collected.output).toMatchObject({
        results: [2, null, 6],
        failed: 1,
        items: [
          { status: 'SUCCEEDED' },
          { status: 'FAILED', error: expect.stringContaining('item 2 is refused') },
          { status: 'SUCCEEDED' },
        ],
      });

      const failed = await runOnce(server, auth, chain({ id: 'each', type: 'flow.forEach', params }), { items: [1, 2, 3] });
      expect(failed.status).toBe('FAILED');
      expect(failed.error).toMatch(/flow.forEach: item 1: child execution .* ended FAILED/);
      // Sequential (concurrency 1): the item after the failure never started.
      expect(await childrenOf(failed.id)).toHaveLength(2);
    });

    it('refuses more items than maxItems before running any', async () => {
      const body = await doubler();
      const parent = await runOnce(
        server,
        auth,
        chain({ id: 'each', type: 'flow.forEach', params: { items: '[1..5]', workflowId: body, maxItems: 3 } }),
      );
      expect(parent).toMatchObject({ status: 'FAILED', error: 'node "each": flow.forEach: 5 items is over maxItems (3)' });
      expect(await childrenOf(parent.id)).toHaveLength(0);
    });
  });

  describe('flow.waitForCallback', () => {
    const waitingStep = async (executionId: string) => {
      let execution!: ExecutionView;
      await eventually('waiting for its callback', async () => {
        execution = await getExecution(server, auth, executionId);
        return execution.steps.some((s) => s.nodeId === 'wait' && s.status === 'RUNNING');
      });
      return { execution, output: execution.steps.find((s) => s.nodeId === 'wait')!.output as { callbackUrl: string; expiresAt: string } };
    };
    const pathOf = (url: string) => new URL(url).pathname;
    const waiting = (params: object) =>
      chain(
        { id: 'before', type: 'data.set', params: { fields: { n: 'trigger.body.n' } } },
        { id: 'wait', type: 'flow.waitForCallback', params },
        {
          id: 'after',
          type: 'data.set',
          params: { fields: { n: 'nodes.before.n + 1', decision: 'nodes.wait.decision', note: 'nodes.wait.data.note' } },
        },
      );

    it('pauses holding no worker, resumes from the node when the callback is called, and the callback works once', async () => {
      const { id } = await createWorkflow(server, auth, { name: 'approval', definition: waiting({ timeoutSeconds: 60 }) });
      const executionId = await runWorkflow(server, auth, id, { n: 1 });
      const { execution, output } = await waitingStep(executionId);
      expect(execution.status).toBe('RUNNING');
      expect(execution.steps.map((s) => s.nodeId)).toEqual(['start', 'before', 'wait']);
      expect(output.callbackUrl).toMatch(/\/callbacks\/[A-Za-z0-9_-]{43}$/);
      const queue = api.app.get<Queue>(getQueueToken(EXECUTION_QUEUE));
      await eventually('no active job', async () => (await queue.getActiveCount()) === 0);

      await request(server).post(pathOf(output.callbackUrl)).send({ decision: 'maybe' }).expect(400);
      const accepted = await request(server)
        .post(pathOf(output.callbackUrl))
        .send({ decision: 'approve', data: { note: 'looks good' } })
        .expect(202);
      expect(accepted.body).toEqual({ executionId, decision: 'approve' });
      const done = await waitForExecution(server, auth, executionId);
      expect(done).toMatchObject({ status: 'SUCCEEDED', output: { n: 2, decision: 'approve', note: 'looks good' } });
      expect(done.steps.map((s) => [s.nodeId, s.status])).toEqual([
        ['start', 'SUCCEEDED'],
        ['before', 'SUCCEEDED'],
        ['wait', 'SUCCEEDED'],
        ['after', 'SUCCEEDED'],
      ]);
      expect(done.steps.find((s) => s.nodeId === 'wait')!.output).toMatchObject({
        decision: 'approve',
        approved: true,
        data: { note: 'looks good' },
      });

      const again = await request(server).post(pathOf(output.callbackUrl)).send({ decision: 'reject' }).expect(410);
      expect(again.body.message).toContain('already used (APPROVED)');
    });

    it('a waiting execution outlives EXECUTION_TIMEOUT_MS: the reconciler sees its timeout job and leaves it alone', async () => {
      const quick = await startApiWithUser({ RECONCILE_INTERVAL_MS: '300', RECONCILE_GRACE_MS: '500', EXECUTION_TIMEOUT_MS: '1500' });
      try {
        const { id } = await createWorkflow(quick.server, quick.auth, { name: 'long-wait', definition: waiting({ timeoutSeconds: 60 }) });
        const executionId = await runWorkflow(quick.server, quick.auth, id, { n: 1 });
        let url = '';
        await eventually('waiting', async () => {
          const step = (await getExecution(quick.server, quick.auth, executionId)).steps.find(
            (s) => s.nodeId === 'wait' && s.status === 'RUNNING',
          );
          url = (step?.output as { callbackUrl?: string } | undefined)?.callbackUrl ?? '';
          return Boolean(url);
        });
        await new Promise((resolve) => setTimeout(resolve, 3_000)); // timeout + grace + several reconcile rounds
        expect((await getExecution(quick.server, quick.auth, executionId)).status).toBe('RUNNING');
        await request(quick.server).post(pathOf(url)).send({ decision: 'approve' }).expect(202);
        expect(await waitForExecution(quick.server, quick.auth, executionId)).toMatchObject({
          status: 'SUCCEEDED',
          output: { decision: 'approve' },
        });
      } finally {
        await quick.api.close();
      }
    });

    it('two concurrent calls of one callback: exactly one wins', async () => {
      const { id } = await createWorkflow(server, auth, { name: 'race', definition: waiting({ timeoutSeconds: 60 }) });
      const executionId = await runWorkflow(server, auth, id, { n: 1 });
      const path = pathOf((await waitingStep(executionId)).output.callbackUrl);
      const answers = await Promise.all(['approve', 'reject', 'approve'].map((decision) => request(server).post(path).send({ decision })));
      expect(answers.map((a) => a.status).sort()).toEqual([202, 410, 410]);
      const winner = answers.find((a) => a.status === 202)!.body.decision;
      expect(await waitForExecution(server, auth, executionId)).toMatchObject({ status: 'SUCCEEDED', output: { decision: winner } });
    });

    it('answers 404 for an unknown token', async () => {
      await request(server)
        .post(`/callbacks/${'a'.repeat(43)}`)
        .send({ decision: 'approve' })
        .expect(404);
      await request(server).post('/callbacks/short').send({ decision: 'approve' }).expect(404);
    });

    it('onReject "fail" fails the execution; the default continues with approved false', async () => {
      const failing = await createWorkflow(server, auth, {
        name: 'reject-fails',
        definition: waiting({ timeoutSeconds: 60, onReject: 'fail' }),
      });
      const failingId = await runWorkflow(server, auth, failing.id, { n: 1 });
      await request(server)
        .post(pathOf((await waitingStep(failingId)).output.callbackUrl))
        .send({ decision: 'reject' })
        .expect(202);
      expect(await waitForExecution(server, auth, failingId)).toMatchObject({
        status: 'FAILED',
        error: 'node "wait": flow.waitForCallback: the callback rejected',
      });

      const going = await createWorkflow(server, auth, { name: 'reject-continues', definition: waiting({ timeoutSeconds: 60 }) });
      const goingId = await runWorkflow(server, auth, going.id, { n: 1 });
      await request(server)
        .post(pathOf((await waitingStep(goingId)).output.callbackUrl))
        .send({ decision: 'reject' })
        .expect(202);
      expect(await waitForExecution(server, auth, goingId)).toMatchObject({ status: 'SUCCEEDED', output: { decision: 'reject' } });
    });

    it('times out: fails by default, or continues with decision "timeout"; the callback is gone afterwards', async () => {
      const failing = await createWorkflow(server, auth, { name: 'timeout-fails', definition: waiting({ timeoutSeconds: 1 }) });
      const failingId = await runWorkflow(server, auth, failing.id, { n: 1 });
      const { output } = await waitingStep(failingId);
      expect(await waitForExecution(server, auth, failingId)).toMatchObject({
        status: 'FAILED',
        error: 'node "wait": flow.waitForCallback: no callback within 1 s',
      });
      await request(server).post(pathOf(output.callbackUrl)).send({ decision: 'approve' }).expect(410);

      const going = await createWorkflow(server, auth, {
        name: 'timeout-continues',
        definition: waiting({ timeoutSeconds: 1, onTimeout: 'continue' }),
      });
      const goingId = await runWorkflow(server, auth, going.id, { n: 1 });
      expect(await waitForExecution(server, auth, goingId)).toMatchObject({ status: 'SUCCEEDED', output: { n: 2, decision: 'timeout' } });
    });
  });
});

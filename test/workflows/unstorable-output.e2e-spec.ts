import { Server } from 'node:http';
import request from 'supertest';
import { startApiWithUser, TestApi } from '../support/test-app';
import { activate, AuthHeader, createWorkflow, getExecution, runOnce, chain } from '../support/workflows';

/**
 * Nodes can produce text PostgreSQL cannot store (a lone UTF-16 surrogate, a NUL): the execution is
 * still recorded — lone surrogates as U+FFFD, NULs dropped — instead of the write failing with a 500.
 */
describe('node output the database cannot store as it is', () => {
  let api: TestApi;
  let server: Server;
  let auth: AuthHeader;

  beforeAll(async () => {
    ({ api, server, auth } = await startApiWithUser());
  });
  afterAll(() => api?.close());

  it('a sync webhook whose output holds a lone surrogate answers and is stored', async () => {
    const definition = {
      nodes: [
        { id: 'hook', type: 'trigger.webhook', params: { path: 'lone-surrogate' } },
        {
          id: 'split',
          type: 'data.transform',
          params: { expression: '{"text": "a\\ud83db", "low": "\\ude00", "pair": "\\ud83d\\ude00"}' },
        },
      ],
      edges: [{ from: 'hook', to: 'split' }],
    };
    const workflow = await createWorkflow(server, auth, { name: 'lone surrogate', definition });
    await activate(server, auth, workflow.id);

    const res = await request(server).post('/webhook/lone-surrogate').send({});
    expect(res.status).toBe(200);
    const execution = await getExecution(server, auth, res.headers['x-execution-id']);
    expect(execution.status).toBe('SUCCEEDED');
    expect(execution.steps.find((s) => s.nodeId === 'split')?.output).toEqual({ text: 'a\ufffdb', low: '\ufffd', pair: '😀' });
  });

  it('a NUL in a failure message and an output is dropped, and the run is recorded', async () => {
    const execution = await runOnce(
      server,
      auth,
      chain(
        { id: 'nul', type: 'data.transform', params: { expression: '"x\\u0000y"' } },
        { id: 'fail', type: 'flow.fail', params: { message: 'got {{ nodes.nul }}' } },
      ),
    );
    expect(execution.status).toBe('FAILED');
    expect(execution.steps.find((s) => s.nodeId === 'nul')?.output).toBe('xy');
    expect(execution.steps.find((s) => s.nodeId === 'fail')?.error).toBe('got xy');
  });
});

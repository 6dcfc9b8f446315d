import { Server } from 'node:http';
import request from 'supertest';
import { registerUser } from '../support/auth';
import { ApiWithUser, startApiWithUser } from '../support/test-app';
import { activate, AuthHeader, chain, createWorkflow, ExecutionView, getExecution, runOnce } from '../support/workflows';

const SPIN = '($f := function($n){$f($n+1)}; $f(0))';
// Linear, so it reaches the heap limit in well under the 2 s time limit even on a loaded machine.
const MEMORY_BOMB = '$map([1..200], function($i){[1..100000]})';
const OUTPUT_LIMIT = 100_000;

describe('expression sandbox, node time limits and the output ceiling', () => {
  let ctx: ApiWithUser;
  let server: Server;
  let auth: AuthHeader;

  beforeAll(async () => {
    ctx = await startApiWithUser({
      EXPRESSION_TIMEOUT_MS: '2000',
      EXPRESSION_MEMORY_LIMIT_MB: '32',
      EXPRESSION_POOL_SIZE: '2',
      NODE_TIMEOUT_MAX_MS: '60000',
      STEP_OUTPUT_MAX_BYTES: String(OUTPUT_LIMIT),
    });
    ({ server, auth } = ctx);
    await syncHook('sb-echo', '{ "echo": trigger.body.n }');
  });
  afterAll(() => ctx?.api.close());

  async function syncHook(path: string, body: string, extra: Record<string, unknown> = {}, owner = auth): Promise<void> {
    const definition = {
      nodes: [
        { id: 'hook', type: 'trigger.webhook', params: { path } },
        { id: 'reply', type: 'flow.respond', params: { status: 200, body }, ...extra },
      ],
      edges: [{ from: 'hook', to: 'reply' }],
    };
    const { id } = await createWorkflow(server, owner, { name: `hook ${path}`, definition });
    await activate(server, owner, id);
  }

  const stepOf = (execution: ExecutionView, nodeId: string) => execution.steps.find((s) => s.nodeId === nodeId)!;

  async function timed<T>(work: () => Promise<T>): Promise<{ ms: number; result: T }> {
    const start = Date.now();
    const result = await work();
    return { ms: Date.now() - start, result };
  }

  it('an endless expression in a sync webhook fails its step at the time limit; the API keeps answering meanwhile', async () => {
    await syncHook('sb-spin', SPIN);
    const spinning = request(server)
      .post('/webhook/sb-spin')
      .send({})
      .then((res) => res);
    await new Promise((resolve) => setTimeout(resolve, 300)); // the spin is under way

    const live = await timed(() => request(server).get('/health/live'));
    expect(live.result.status).toBe(200);
    expect(live.ms).toBeLessThan(200);
    const other = await timed(() => request(server).post('/webhook/sb-echo').send({ n: 7 }));
    expect(other.result.status).toBe(200);
    expect(other.result.body).toEqual({ echo: 7 });
    expect(other.ms).toBeLessThan(1_500);

    const res = await spinning;
    expect(res.status).toBe(422);
    const execution = await getExecution(server, auth, res.headers['x-execution-id']);
    expect(execution.status).toBe('FAILED');
    expect(execution.error).toBe('node "reply": expression exceeded its time limit of 2000 ms');
    expect(stepOf(execution, 'reply')).toMatchObject({
      status: 'FAILED',
      error: 'expression exceeded its time limit of 2000 ms',
      output: null,
    });
  });

  it('plain expressions (paths, arithmetic) run outside the pool: they answer at once while every pool thread is busy', async () => {
    // Another user's runs hold the threads, so the echo's owner still has free concurrency slots.
    await syncHook('sb-spin-all', SPIN, {}, (await registerUser(server)).authHeader);
    const spinning = [1, 2].map(() =>
      request(server)
        .post('/webhook/sb-spin-all')
        .send({})
        .then((res) => res),
    ); // EXPRESSION_POOL_SIZE=2
    await new Promise((resolve) => setTimeout(resolve, 300));

    const plain = await timed(() => request(server).post('/webhook/sb-echo').send({ n: 5 }));
    expect(plain.result.status).toBe(200);
    expect(plain.result.body).toEqual({ echo: 5 });
    expect(plain.ms).toBeLessThan(1_000); // through the pool it would wait ~1.7 s for a free thread

    expect((await Promise.all(spinning)).map((res) => res.status)).toEqual([422, 422]);
  });

  it('outside the pool, errors and the output ceiling read as they do inside it', async () => {
    await syncHook('sb-plain-error', 'trigger.body.a + "x"');
    const failed = await request(server).post('/webhook/sb-plain-error').send({ a: 1 }).expect(422);
    expect((await getExecution(server, auth, failed.headers['x-execution-id'])).error).toBe(
      'node "reply": Expression "trigger.body.a + "x"": The right side of the "+" operator must evaluate to a number',
    );

    await syncHook('sb-plain-big', 'trigger.body.s & trigger.body.s');
    const big = await request(server)
      .post('/webhook/sb-plain-big')
      .send({ s: 'x'.repeat(60_000) })
      .expect(422);
    expect((await getExecution(server, auth, big.headers['x-execution-id'])).error).toMatch(
      new RegExp(`^node "reply": output is at least \\d+ bytes, over the platform limit of ${OUTPUT_LIMIT} bytes$`),
    );
  });

  it('an endless expression in a queued run fails its step at the time limit', async () => {
    const execution = await runOnce(server, auth, chain({ id: 'spin', type: 'data.transform', params: { expression: SPIN } }));
    expect(execution.status).toBe('FAILED');
    expect(stepOf(execution, 'spin')).toMatchObject({ status: 'FAILED', error: 'expression exceeded its time limit of 2000 ms' });
    // The pool replaced or kept its threads: the next expression still runs.
    const next = await runOnce(server, auth, chain({ id: 'ok', type: 'data.set', params: { fields: { a: '1 + 1', b: '"x" & "y"' } } }));
    expect(next).toMatchObject({ status: 'SUCCEEDED', output: { a: 2, b: 'xy' } });
  });

  it('a memory bomb fails its step with the memory limit, and the API stays alive', async () => {
    const execution = await runOnce(
      server,
      auth,
      chain({ id: 'bomb', type: 'data.transform', params: { expression: MEMORY_BOMB } }),
      {},
      30_000,
    );
    expect(execution.status).toBe('FAILED');
    expect(stepOf(execution, 'bomb')).toMatchObject({ status: 'FAILED', error: 'expression exceeded the memory limit of 32 MB' });
    await request(server).get('/health/live').expect(200);
    expect((await request(server).post('/webhook/sb-echo').send({ n: 1 }).expect(200)).body).toEqual({ echo: 1 });
  });

  it("a pure node's own timeoutMs is honoured (TIMED_OUT, well before the expression limit)", async () => {
    const { ms, result: execution } = await timed(() =>
      runOnce(server, auth, chain({ id: 'spin', type: 'data.transform', timeoutMs: 300, params: { expression: SPIN } })),
    );
    expect(execution.status).toBe('TIMED_OUT');
    expect(stepOf(execution, 'spin')).toMatchObject({ status: 'TIMED_OUT', error: 'timed out after 300 ms' });
    expect(ms).toBeLessThan(1_800);
  });

  it('a node timeoutMs over NODE_TIMEOUT_MAX_MS is refused on save, naming the node', async () => {
    const res = await request(server)
      .post('/workflows')
      .set(auth)
      .send({
        name: 'too-patient',
        definition: chain({ id: 'slow', type: 'data.transform', timeoutMs: 120_000, params: { expression: '1' } }),
      })
      .expect(400);
    expect(res.body.message).toEqual(['node "slow": timeoutMs 120000 is over the platform limit of 60000 ms (NODE_TIMEOUT_MAX_MS)']);
  });

  it('a step output over STEP_OUTPUT_MAX_BYTES fails the step and is not stored', async () => {
    // 60,000 quotes: 60 kB in the worker, 120 kB once JSON-escaped (the exact check after the node).
    const escaped = await runOnce(
      server,
      auth,
      chain({ id: 'big', type: 'data.transform', params: { expression: '$pad("", 60000, "\\"")' } }),
    );
    expect(escaped.status).toBe('FAILED');
    expect(stepOf(escaped, 'big')).toMatchObject({
      status: 'FAILED',
      output: null,
      error: `output is 120002 bytes, over the platform limit of ${OUTPUT_LIMIT} bytes`,
    });

    // A huge result is refused inside the worker, before it is copied out.
    const huge = await runOnce(server, auth, chain({ id: 'huge', type: 'data.transform', params: { expression: '[1..5000000]' } }));
    expect(stepOf(huge, 'huge')).toMatchObject({
      status: 'FAILED',
      output: null,
      error: expect.stringMatching(new RegExp(`^output is at least \\d+ bytes, over the platform limit of ${OUTPUT_LIMIT} bytes$`)),
    });
  });

  it('a webhook respond body over the ceiling fails the run instead of being sent', async () => {
    await syncHook('sb-big-reply', '$pad("", 60000, "\\"")');
    const res = await request(server).post('/webhook/sb-big-reply').send({}).expect(422);
    expect((await getExecution(server, auth, res.headers['x-execution-id'])).error).toMatch(
      new RegExp(`^node "reply": output is 1200\\d\\d bytes, over the platform limit of ${OUTPUT_LIMIT} bytes$`),
    );
  });
});

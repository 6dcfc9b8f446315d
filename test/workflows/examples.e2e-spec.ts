import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import request from 'supertest';
import { registerUser } from '../support/auth';
import { startTestApi, TestApi } from '../support/test-app';
import { activate, createWorkflow, getExecution } from '../support/workflows';

/** ../shared/examples/*.workflow.json must be accepted as they are (minus _expect) and meet their _expect. */
const EXAMPLES_DIR = join(__dirname, '..', '..', '..', 'shared', 'examples');
const examples = readdirSync(EXAMPLES_DIR)
  .filter((f) => f.endsWith('.workflow.json'))
  .map((file) => ({ file, ...JSON.parse(readFileSync(join(EXAMPLES_DIR, file), 'utf8')) }));

describe('shared examples', () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startTestApi();
  });
  afterAll(() => api?.close());

  it('finds the examples', () => expect(examples.length).toBeGreaterThanOrEqual(2));

  it.each(examples.map((e) => [e.file, e]))('%s', async (_file, example) => {
    const server = api.app.getHttpServer();
    const { authHeader } = await registerUser(server);
    const { _expect: expected, file: _f, ...body } = example;
    const workflow = await createWorkflow(server, authHeader, body);
    await activate(server, authHeader, workflow.id);

    const { method, path, body: requestBody } = expected.request;
    const res = await request(server)[method.toLowerCase() as 'post'](path).send(requestBody);
    expect(res.status).toBe(expected.response.status);
    expect(res.body).toEqual(expected.response.body);

    const executionId = res.headers['x-execution-id'];
    const execution = await getExecution(server, authHeader, executionId);
    expect(execution.status).toBe(expected.execution.status);
    if (expected.execution.steps !== undefined) expect(execution.steps).toHaveLength(expected.execution.steps);
    if (expected.execution.succeededSteps !== undefined) expect(execution.steps.filter((s) => s.status === 'SUCCEEDED')).toHaveLength(expected.execution.succeededSteps);
    expect(execution.steps.map((s) => s.sequence)).toEqual([...execution.steps.map((s) => s.sequence)].sort((a, b) => a - b));
  });
});

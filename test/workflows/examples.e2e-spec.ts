import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Server } from 'node:http';
import request from 'supertest';
import { registerUser } from '../support/auth';
import { startTestApi, TestApi } from '../support/test-app';
import { LocalSmtpServer } from '../nodes/local-smtp';
import { activate, AuthHeader, createWorkflow, eventually, getExecution, waitForExecution } from '../support/workflows';

/**
 * examples/*.workflow.json (the repository's own copy) must be accepted as they are (minus _expect) and meet
 * their _expect; so must ../shared/examples when a checkout sits beside that folder.
 */
const REPO_EXAMPLES = join(__dirname, '..', '..', 'examples');
const SHARED_EXAMPLES = join(__dirname, '..', '..', '..', 'shared', 'examples');

function loadExamples(dir: string, label: string) {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => f.endsWith('.workflow.json'))
    .map((file) => ({ file: `${label}/${file}`, ...JSON.parse(readFileSync(join(dir, file), 'utf8')) }));
}

const repoExamples = loadExamples(REPO_EXAMPLES, 'examples');
const examples = [...repoExamples, ...loadExamples(SHARED_EXAMPLES, 'shared/examples')];

/** `_workflows`: workflows created first; the string "$workflow:<key>" in the example stands for the id of `<key>`. */
async function withCalledWorkflows(server: Server, auth: AuthHeader, body: object, called: Record<string, object> = {}): Promise<object> {
  let text = JSON.stringify(body);
  for (const [key, workflow] of Object.entries(called)) {
    const { id } = await createWorkflow(server, auth, workflow);
    text = text.replaceAll(JSON.stringify(`$workflow:${key}`), JSON.stringify(id));
  }
  return JSON.parse(text);
}

/**
 * `_credentials`: `{ "<key>": <POST /credentials body> }`, created first; `"$env:<NAME>"` inside them is the test's
 * value of NAME (`env`), and the string "$credential:<key>" anywhere in the example stands for that credential's id.
 */
async function withCredentials(
  server: Server,
  auth: AuthHeader,
  body: object,
  credentials: Record<string, object> = {},
  env: Record<string, string | number>,
): Promise<object> {
  let text = JSON.stringify(body);
  for (const [key, credential] of Object.entries(credentials)) {
    const filled = JSON.stringify(credential).replace(/"\$env:([A-Z0-9_]+)"/g, (_, name: string) => {
      if (!(name in env)) throw new Error(`_credentials.${key} uses $env:${name}, which the examples test does not provide`);
      return JSON.stringify(env[name]);
    });
    const res = await request(server).post('/credentials').set(auth).send(JSON.parse(filled));
    if (res.status !== 201) throw new Error(`_credentials.${key}: ${res.status} ${JSON.stringify(res.body)}`);
    text = text.replaceAll(JSON.stringify(`$credential:${key}`), JSON.stringify(res.body.id));
  }
  return JSON.parse(text);
}

/** `_expect.callback`: once node `node` waits (flow.waitForCallback), POST `body` to its callback URL and expect `status`. */
async function callBack(server: Server, auth: AuthHeader, executionId: string, callback: { node: string; body: object; status: number }) {
  let url = '';
  await eventually(`node ${callback.node} waiting for its callback`, async () => {
    const step = (await getExecution(server, auth, executionId)).steps.find((s) => s.nodeId === callback.node && s.status === 'RUNNING');
    url = (step?.output as { callbackUrl?: string } | undefined)?.callbackUrl ?? '';
    return Boolean(url);
  });
  await request(server).post(new URL(url).pathname).send(callback.body).expect(callback.status);
}

describe('example workflows', () => {
  let api: TestApi;
  let smtp: LocalSmtpServer;
  let env: Record<string, string | number>;
  beforeAll(async () => {
    smtp = await LocalSmtpServer.start({ username: 'examples', password: 'examples-smtp-password' });
    // The example credentials point at this loopback SMTP server and at the test's own database.
    api = await startTestApi({ HTTP_NODE_ALLOWED_HOSTS: '127.0.0.1' });
    const db = new URL(api.config.database.DATABASE_URL);
    env = {
      EXAMPLE_SMTP_HOST: '127.0.0.1',
      EXAMPLE_SMTP_PORT: smtp.port,
      EXAMPLE_SMTP_USER: 'examples',
      EXAMPLE_SMTP_PASSWORD: 'examples-smtp-password',
      EXAMPLE_PG_HOST: '127.0.0.1',
      EXAMPLE_PG_PORT: Number(db.port || 5432),
      EXAMPLE_PG_DATABASE: db.pathname.slice(1),
      EXAMPLE_PG_USER: decodeURIComponent(db.username) || 'postgres',
      EXAMPLE_PG_PASSWORD: decodeURIComponent(db.password) || 'unused-with-trust-auth',
    };
  });
  afterAll(async () => {
    await api?.close();
    await smtp?.close();
  });

  it('finds the repository examples', () => expect(repoExamples.length).toBeGreaterThanOrEqual(2));

  it.each(examples.map((e) => [e.file, e]))('%s', async (_file, example) => {
    const server = api.app.getHttpServer();
    const { authHeader } = await registerUser(server);
    const { _expect: expected, _workflows: called, _credentials: credentials, file: _f, ...body } = example;
    const withIds = await withCalledWorkflows(
      server,
      authHeader,
      await withCredentials(server, authHeader, body, credentials, env),
      called,
    );
    const workflow = await createWorkflow(server, authHeader, withIds);
    await activate(server, authHeader, workflow.id);

    const { method, path, body: requestBody } = expected.request;
    const res = await request(server)[method.toLowerCase() as 'post'](path).send(requestBody);
    expect(res.status).toBe(expected.response.status);
    if ('body' in expected.response) expect(res.body).toEqual(expected.response.body);

    const executionId = res.headers['x-execution-id'] ?? res.body.executionId;
    if (expected.callback) await callBack(server, authHeader, executionId, expected.callback);
    const execution = expected.callback
      ? await waitForExecution(server, authHeader, executionId)
      : await getExecution(server, authHeader, executionId);
    expect(execution.status).toBe(expected.execution.status);
    if (expected.execution.output !== undefined) expect(execution.output).toEqual(expected.execution.output);
    if (expected.execution.steps !== undefined) expect(execution.steps).toHaveLength(expected.execution.steps);
    if (expected.execution.succeededSteps !== undefined)
      expect(execution.steps.filter((s) => s.status === 'SUCCEEDED')).toHaveLength(expected.execution.succeededSteps);
    expect(execution.steps.map((s) => s.sequence)).toEqual([...execution.steps.map((s) => s.sequence)].sort((a, b) => a - b));
    // The shared copy uses the same webhook paths: free them for the next file.
    await request(server).post(`/workflows/${workflow.id}/deactivate`).set(authHeader).expect(200);
  });
});

import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { Server } from 'node:http';
import { NestFactory } from '@nestjs/core';
import request from 'supertest';
import { CredentialsCliModule } from '../../apps/cli/src/credentials-cli.module';
import { AppModule } from '../../apps/api/src/app.module';
import { CredentialsRotationService } from '@app/credentials';
import { createHttpApp, startHttpApp } from '@app/http';
import { registerUser } from '../support/auth';
import { LocalHttpServer } from '../support/local-http';
import { deleteRedisKeys, withSql } from '../support/process-api';
import { startTestApi, TestApi } from '../support/test-app';
import { testConfig } from '../support/test-config';
import { activate, AuthHeader, chain, createWorkflow, runWorkflow, waitForExecution } from '../support/workflows';

const key = () => randomBytes(32).toString('hex');
const K1 = `k1:${key()}`;
const K2 = `k2:${key()}`;
const secret = (label: string) => `${label}-${randomBytes(12).toString('hex')}`;

describe('credentials vault', () => {
  let local: LocalHttpServer;
  let api: TestApi;
  let server: Server;
  let auth: AuthHeader;
  const secrets: string[] = [];
  const remember = (value: string) => (secrets.push(value), value);

  beforeAll(async () => {
    local = await LocalHttpServer.start();
    api = await startTestApi({ HTTP_NODE_ALLOWED_HOSTS: '127.0.0.1', CREDENTIALS_KEYS: K1 });
    server = api.app.getHttpServer();
    ({ authHeader: auth } = await registerUser(server));
  });
  afterAll(async () => {
    await api?.close();
    await local?.close();
  });
  beforeEach(() => local.reset());

  const createCredential = async (body: object, as = auth) => {
    const res = await request(server).post('/credentials').set(as).send(body);
    if (res.status !== 201) throw new Error(`create credential: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body as { id: string; name: string; type: string; fields: string[] };
  };
  const httpCall = (credentialId: string, extra: object = {}) =>
    chain({ id: 'call', type: 'http.request', params: { url: local.url('/echo'), credentialId, ...extra } });
  const runDefinition = async (definition: object) => {
    const workflow = await createWorkflow(server, auth, { name: `wf-${randomBytes(4).toString('hex')}`, definition });
    const execution = await waitForExecution(server, auth, await runWorkflow(server, auth, workflow.id));
    return { workflow, execution };
  };

  describe('routes', () => {
    it('creates each type and answers metadata and field names, never a value', async () => {
      const bodies = [
        { type: 'http.header', data: { name: 'X-Api-Key', value: remember(secret('hdr')) } },
        { type: 'http.bearer', data: { token: remember(secret('bearer')) } },
        { type: 'http.basic', data: { username: 'ann', password: remember(secret('basic')) } },
        { type: 'http.query', data: { name: 'api_key', value: remember(secret('query')) } },
        {
          type: 'oauth2.clientCredentials',
          data: { tokenUrl: local.url('/token'), clientId: 'client', clientSecret: remember(secret('client')) },
        },
        {
          type: 'smtp',
          data: {
            host: 'smtp.example.com',
            port: 587,
            secure: false,
            username: 'mailer',
            password: remember(secret('smtp')),
            from: 'bot@example.com',
          },
        },
        {
          type: 'postgres',
          data: { host: 'db.example.com', port: 5432, database: 'app', user: 'app', password: remember(secret('pg')), ssl: true },
        },
      ];
      for (const body of bodies) {
        const created = await createCredential({ name: `c-${body.type}`, ...body });
        expect(created).toMatchObject({ name: `c-${body.type}`, type: body.type, fields: Object.keys(body.data).sort() });
        expect(Object.keys(created).sort()).toEqual(['createdAt', 'fields', 'id', 'name', 'type', 'updatedAt']);
      }
      const list = await request(server).get('/credentials').set(auth).expect(200);
      expect(list.body.length).toBeGreaterThanOrEqual(bodies.length);
      for (const value of secrets) expect(JSON.stringify(list.body)).not.toContain(value);
    });

    it('refuses bad input with a 4xx saying what is wrong', async () => {
      const bad = async (body: object, status: number, text: string) => {
        const res = await request(server).post('/credentials').set(auth).send(body).expect(status);
        expect(JSON.stringify(res.body.message)).toContain(text);
      };
      await bad({ name: 'x', type: 'ftp', data: {} }, 400, 'type must be one of');
      await bad({ name: 'x', type: 'http.bearer', data: {} }, 400, 'token');
      await bad({ name: 'x', type: 'http.bearer', data: { token: 'abcd', extra: 1 } }, 400, 'data.extra');
      await bad({ name: 'x', type: 'smtp', data: { host: 'h', port: 'no', secure: false, from: 'a@b.c' } }, 400, 'data.port');
      await createCredential({ name: 'dup', type: 'http.bearer', data: { token: remember(secret('dup')) } });
      await bad({ name: 'dup', type: 'http.bearer', data: { token: 'abcdef' } }, 409, 'already exists');
      await request(server).get('/credentials/not-a-uuid').set(auth).expect(400);
    });

    it('PATCH merges fields, keeps secrets write-only and re-validates', async () => {
      const created = await createCredential({
        name: 'patchable',
        type: 'oauth2.clientCredentials',
        data: { tokenUrl: local.url('/token'), clientId: 'a', clientSecret: remember(secret('p')) },
      });
      const patched = await request(server)
        .patch(`/credentials/${created.id}`)
        .set(auth)
        .send({ name: 'patched', data: { scope: 'read' } })
        .expect(200);
      expect(patched.body).toMatchObject({ name: 'patched', fields: ['clientId', 'clientSecret', 'scope', 'tokenUrl'] });
      const removed = await request(server)
        .patch(`/credentials/${created.id}`)
        .set(auth)
        .send({ data: { scope: null } })
        .expect(200);
      expect(removed.body.fields).toEqual(['clientId', 'clientSecret', 'tokenUrl']);
      await request(server)
        .patch(`/credentials/${created.id}`)
        .set(auth)
        .send({ data: { clientSecret: null } })
        .expect(400);
      await request(server).patch(`/credentials/${created.id}`).set(auth).send({ type: 'http.bearer' }).expect(400);
    });

    it("another user's credential is 404 on every route, and cannot be referenced by a workflow", async () => {
      const other = await registerUser(server);
      const theirs = await createCredential(
        { name: 'theirs', type: 'http.bearer', data: { token: remember(secret('theirs')) } },
        other.authHeader,
      );
      await request(server).get(`/credentials/${theirs.id}`).set(auth).expect(404);
      await request(server).get(`/credentials/${theirs.id}/usage`).set(auth).expect(404);
      await request(server).patch(`/credentials/${theirs.id}`).set(auth).send({ name: 'mine' }).expect(404);
      await request(server).delete(`/credentials/${theirs.id}`).set(auth).expect(404);
      const list = await request(server).get('/credentials').set(auth).expect(200);
      expect(list.body.map((c: { id: string }) => c.id)).not.toContain(theirs.id);
      const save = await request(server)
        .post('/workflows')
        .set(auth)
        .send({ name: 'steal', definition: httpCall(theirs.id) })
        .expect(400);
      expect(JSON.stringify(save.body.message)).toContain(`credential ${theirs.id} not found`);
      await request(server).get(`/credentials/${theirs.id}`).set(other.authHeader).expect(200);
    });
  });

  describe('http.request with a credentialId', () => {
    it.each([
      [
        'http.header',
        (s: string) => ({ name: 'X-Api-Key', value: s }),
        (r: { headers: Record<string, unknown> }, s: string) => expect(r.headers['x-api-key']).toBe(s),
      ],
      [
        'http.bearer',
        (s: string) => ({ token: s }),
        (r: { headers: Record<string, unknown> }, s: string) => expect(r.headers.authorization).toBe(`Bearer ${s}`),
      ],
      [
        'http.basic',
        (s: string) => ({ username: 'ann', password: s }),
        (r: { headers: Record<string, unknown> }, s: string) =>
          expect(r.headers.authorization).toBe(`Basic ${Buffer.from(`ann:${s}`).toString('base64')}`),
      ],
      [
        'http.query',
        (s: string) => ({ name: 'api_key', value: s }),
        (r: { query: Record<string, string> }, s: string) => expect(r.query.api_key).toBe(s),
      ],
    ] as const)('%s: the upstream gets the secret; step data and execution output show ***', async (type, data, check) => {
      const value = remember(secret(type.replace('.', '-')));
      const credential = await createCredential({ name: `run-${type}`, type, data: data(value) });
      const { execution } = await runDefinition(httpCall(credential.id));
      expect(execution.status).toBe('SUCCEEDED');
      check(local.requestsTo('/echo')[0] as never, value);
      const shown = JSON.stringify(execution);
      expect(shown).not.toContain(value);
      expect(shown).toContain('***');
    });

    it('a failing upstream that echoes the secret: the error is redacted too', async () => {
      const value = remember(secret('fail'));
      local.route('/leak', (req) => ({ status: 400, body: `bad token ${String(req.headers.authorization)}` }));
      const credential = await createCredential({ name: 'leaky', type: 'http.bearer', data: { token: value } });
      const { execution } = await runDefinition(
        chain({ id: 'call', type: 'http.request', params: { url: local.url('/leak'), credentialId: credential.id }, retries: 0 }),
      );
      expect(execution.status).toBe('FAILED');
      expect(execution.error).toContain('answered 400: bad token ***');
      expect(JSON.stringify(execution)).not.toContain(value);
    });

    it('oauth2.clientCredentials: fetches a token, caches it until expiry, then refreshes', async () => {
      const clientSecret = remember(secret('oauth-client'));
      const tokens: string[] = [];
      local.route('/token', () => {
        tokens.push(remember(secret('access')));
        return { body: { access_token: tokens[tokens.length - 1], token_type: 'bearer', expires_in: 31 } };
      });
      const credential = await createCredential({
        name: 'oauth',
        type: 'oauth2.clientCredentials',
        data: { tokenUrl: local.url('/token'), clientId: 'cid', clientSecret, scope: 'read' },
      });
      const definition = httpCall(credential.id);
      const workflow = await createWorkflow(server, auth, { name: 'oauth-wf', definition });
      const run = async () => waitForExecution(server, auth, await runWorkflow(server, auth, workflow.id));

      const first = await run();
      const second = await run();
      expect([first.status, second.status]).toEqual(['SUCCEEDED', 'SUCCEEDED']);
      const [tokenRequest] = local.requestsTo('/token');
      expect(local.requestsTo('/token')).toHaveLength(1);
      expect(tokenRequest.body).toBe('grant_type=client_credentials&scope=read');
      expect(tokenRequest.headers.authorization).toBe(`Basic ${Buffer.from(`cid:${clientSecret}`).toString('base64')}`);
      expect(local.requestsTo('/echo').map((r) => r.headers.authorization)).toEqual([`Bearer ${tokens[0]}`, `Bearer ${tokens[0]}`]);
      for (const execution of [first, second]) expect(JSON.stringify(execution)).not.toContain(tokens[0]);

      // expires_in 31 s minus the 30 s safety margin: stale after a second.
      await new Promise((resolve) => setTimeout(resolve, 1_100));
      expect((await run()).status).toBe('SUCCEEDED');
      expect(local.requestsTo('/token')).toHaveLength(2);
      expect(local.requestsTo('/echo')[2].headers.authorization).toBe(`Bearer ${tokens[1]}`);
    });

    it('the run re-checks the owner: a credential deleted after the save fails the node', async () => {
      const credential = await createCredential({ name: 'gone', type: 'http.bearer', data: { token: remember(secret('gone')) } });
      const workflow = await createWorkflow(server, auth, { name: 'uses-gone', definition: httpCall(credential.id) });
      await request(server).delete(`/credentials/${credential.id}`).set(auth).expect(204);
      const execution = await waitForExecution(server, auth, await runWorkflow(server, auth, workflow.id));
      expect(execution.status).toBe('FAILED');
      expect(execution.error).toContain(`credential ${credential.id} not found`);
      expect(local.requestsTo('/echo')).toHaveLength(0);
    });
  });

  describe('usage, deletion and warnings', () => {
    it('audits each use and lists the referencing workflows; deleting one used by an active workflow is 409 naming it', async () => {
      const credential = await createCredential({ name: 'audited', type: 'http.bearer', data: { token: remember(secret('audited')) } });
      const { workflow, execution } = await runDefinition(httpCall(credential.id));
      const usage = await request(server).get(`/credentials/${credential.id}/usage`).set(auth).expect(200);
      expect(usage.body.workflows).toEqual([{ id: workflow.id, name: expect.any(String), active: false }]);
      expect(usage.body.recentUses).toEqual([
        expect.objectContaining({ workflowId: workflow.id, executionId: execution.id, userId: expect.any(String), at: expect.any(String) }),
      ]);

      await activate(server, auth, workflow.id);
      const refused = await request(server).delete(`/credentials/${credential.id}`).set(auth).expect(409);
      expect(refused.body.message).toContain(workflow.id);
      expect(refused.body.workflows).toEqual([expect.objectContaining({ id: workflow.id, active: true })]);
      await request(server).post(`/workflows/${workflow.id}/deactivate`).set(auth).expect(200);
      await request(server).delete(`/credentials/${credential.id}`).set(auth).expect(204);
    });

    it('saving literal secrets succeeds with warnings that point to credentials', async () => {
      const definition = chain({
        id: 'call',
        type: 'http.request',
        params: { url: local.url('/echo'), headers: { Authorization: 'Bearer abcdefghijklmnop1234', 'x-plain': 'hello' } },
      });
      const created = await request(server).post('/workflows').set(auth).send({ name: 'literal', definition }).expect(201);
      expect(created.body.warnings).toEqual([expect.stringMatching(/node "call" params\.headers\.Authorization .*credential/)]);
      const clean = await request(server)
        .post('/workflows')
        .set(auth)
        .send({ name: 'clean', definition: chain({ id: 'call', type: 'http.request', params: { url: local.url('/echo') } }) })
        .expect(201);
      expect(clean.body.warnings).toEqual([]);
    });
  });

  it('no secret value is stored in any table (pg_dump), only ciphertext in credentials', async () => {
    const dump = spawnSync('pg_dump', ['--data-only', api.config.database.DATABASE_URL], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
    expect(dump.status).toBe(0);
    expect(secrets.length).toBeGreaterThan(15);
    for (const value of secrets) {
      expect(dump.stdout).not.toContain(value);
      expect(dump.stdout).not.toContain(Buffer.from(value).toString('base64'));
    }
  });

  it('key rotation round trip: k1 data re-sealed under k2, readable and usable with k2 alone', async () => {
    const value = remember(secret('rotate'));
    const credential = await createCredential({ name: 'rotating', type: 'http.bearer', data: { token: value } });
    const url = api.config.database.DATABASE_URL;
    const keyIds = () =>
      withSql(url, async (sql) =>
        (await sql.query<{ k: string }>(`SELECT DISTINCT split_part("encryptedData", ':', 1) AS k FROM credentials`)).rows.map((r) => r.k),
      );
    expect(await keyIds()).toEqual(['k1']);

    const cli = await NestFactory.createApplicationContext(
      CredentialsCliModule.register(testConfig({ DATABASE_URL: url, CREDENTIALS_KEYS: `${K2},${K1}` })),
      { logger: false },
    );
    const result = await cli.get(CredentialsRotationService).rotate();
    await cli.close();
    expect(result).toMatchObject({ currentKeyId: 'k2', alreadyCurrent: 0 });
    expect(result.rotated).toBeGreaterThan(0);
    expect(await keyIds()).toEqual(['k2']);

    // Its own queue: the first API's inline worker holds only k1 and must not take this run.
    const prefix = `wp-test-${randomBytes(4).toString('hex')}:`;
    const config = testConfig({
      DATABASE_URL: url,
      REDIS_KEY_PREFIX: prefix,
      PORT: '0',
      HTTP_NODE_ALLOWED_HOSTS: '127.0.0.1',
      CREDENTIALS_KEYS: K2,
    });
    const second = await createHttpApp(AppModule.register(config), config);
    try {
      await startHttpApp(second, config, 0, { migrate: false, handleSignals: false });
      await second.getHttpAdapter().getInstance().ready();
      const s2 = second.getHttpServer();
      await request(s2).get(`/credentials/${credential.id}`).set(auth).expect(200);
      const workflow = await createWorkflow(s2, auth, { name: 'after-rotation', definition: httpCall(credential.id) });
      const execution = await waitForExecution(s2, auth, await runWorkflow(s2, auth, workflow.id));
      expect(execution.status).toBe('SUCCEEDED');
      expect(local.requestsTo('/echo').at(-1)?.headers.authorization).toBe(`Bearer ${value}`);
    } finally {
      await second.close();
      await deleteRedisKeys(prefix);
    }
  });
});

import { randomBytes } from 'node:crypto';
import { generateSecrets } from '@app/config';
import { LocalHttpServer } from '../support/local-http';
import { deleteRedisKeys, ProcessApiClient, uniquePrefix, waitStarted, withSql } from '../support/process-api';
import { AppProcess, freePort } from '../support/processes';
import { testRawEnv } from '../support/test-config';
import { createTestDatabase } from '../support/test-database';
import { chain, eventually } from '../support/workflows';

const appSecrets = Object.fromEntries(generateSecrets().map((line) => line.split(/=(.*)/s).slice(0, 2)));
const K1 = `k1:${randomBytes(32).toString('hex')}`;
const K2 = `k2:${randomBytes(32).toString('hex')}`;
const secret = (label: string) => `${label}-${randomBytes(12).toString('hex')}`;

/** The compiled API and worker as separate processes, logging everything (debug, JSON), and the CLI. */
describe('credentials across processes: logs and `cli credentials rotate`', () => {
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  let local: LocalHttpServer;
  let api: AppProcess;
  let worker: AppProcess;
  let client: ProcessApiClient;
  const prefix = uniquePrefix('cred');
  const env = (extra: Record<string, string>) => {
    const { LOG_LEVEL: _quiet, ...rest } = testRawEnv({
      DATABASE_URL: db.url,
      REDIS_KEY_PREFIX: prefix,
      ...appSecrets,
      CREDENTIALS_KEYS: K1,
      HTTP_NODE_ALLOWED_HOSTS: '127.0.0.1',
      WORKER_INLINE: 'false',
      LOG_FORMAT: 'json',
      ...extra,
    });
    return { ...rest, LOG_LEVEL: 'debug' };
  };

  beforeAll(async () => {
    [db, local] = await Promise.all([createTestDatabase(), LocalHttpServer.start()]);
    const [apiPort, workerPort] = await Promise.all([freePort(), freePort()]);
    api = AppProcess.spawn('api', env({ PORT: String(apiPort) }));
    worker = AppProcess.spawn('worker', env({ WORKER_PORT: String(workerPort) }));
    await Promise.all([
      waitStarted(api, `http://127.0.0.1:${apiPort}`, 'api'),
      waitStarted(worker, `http://127.0.0.1:${workerPort}`, 'worker'),
    ]);
    client = await ProcessApiClient.register(`http://127.0.0.1:${apiPort}`);
  }, 60_000);

  afterAll(async () => {
    await Promise.all([api?.stop(), worker?.stop()]);
    await local?.close();
    await db?.drop();
    await deleteRedisKeys(prefix);
  });

  it('secrets used by runs in the worker never reach the logs; `cli credentials rotate` re-seals under the new key', async () => {
    const token = secret('token');
    const clientSecret = secret('client');
    const accessToken = secret('access');
    local.route('/token', () => ({ body: { access_token: accessToken, expires_in: 3600 } }));
    local.route('/leak', (req) => ({ status: 500, body: `upstream saw ${String(req.headers.authorization)}` }));
    const bearer = await client.expect<{ id: string }>(201, 'POST', '/credentials', {
      name: 'bearer',
      type: 'http.bearer',
      data: { token },
    });
    const oauth = await client.expect<{ id: string }>(201, 'POST', '/credentials', {
      name: 'oauth',
      type: 'oauth2.clientCredentials',
      data: { tokenUrl: local.url('/token'), clientId: 'cid', clientSecret },
    });
    const definition = chain(
      { id: 'ok', type: 'http.request', params: { url: local.url('/echo'), credentialId: oauth.id } },
      { id: 'leak', type: 'http.request', params: { url: local.url('/leak'), credentialId: bearer.id }, retries: 1, retryBackoffMs: 100 },
    );
    const workflow = await client.expect<{ id: string }>(201, 'POST', '/workflows', { name: 'leaky', definition });
    const run = async () => {
      const { id } = await client.expect<{ id: string }>(202, 'POST', `/workflows/${workflow.id}/run`, {});
      let execution: { status: string; error: string | null } = { status: 'QUEUED', error: null };
      await eventually(
        'execution finished',
        async () => {
          execution = await client.expect(200, 'GET', `/executions/${id}`);
          return ['SUCCEEDED', 'FAILED'].includes(execution.status);
        },
        20_000,
      );
      return execution;
    };

    const first = await run();
    expect(first.status).toBe('FAILED');
    expect(first.error).toContain('upstream saw ***');
    expect(local.requestsTo('/echo')[0].headers.authorization).toBe(`Bearer ${accessToken}`);
    expect(local.requestsTo('/leak')).toHaveLength(2);

    const logs = api.log + worker.log;
    expect(logs).toContain(workflow.id); // the logs did cover this run
    for (const value of [token, clientSecret, accessToken]) {
      expect(logs).not.toContain(value);
      expect(logs).not.toContain(Buffer.from(value).toString('base64'));
    }

    // Rotation through the CLI (in production the apps would be restarted with the new CREDENTIALS_KEYS first).
    const cli = AppProcess.spawn('cli', env({ CREDENTIALS_KEYS: `${K2},${K1}` }), ['credentials', 'rotate']);
    expect(await cli.exited).toBe(0);
    expect(cli.log).toContain('2 re-encrypted');
    const keyIds = await withSql(
      db.url,
      async (sql) => (await sql.query<{ k: string }>(`SELECT DISTINCT split_part("encryptedData", ':', 1) AS k FROM credentials`)).rows,
    );
    expect(keyIds).toEqual([{ k: 'k2' }]);
    for (const value of [token, clientSecret, accessToken]) expect(cli.log).not.toContain(value);
  }, 60_000);
});
